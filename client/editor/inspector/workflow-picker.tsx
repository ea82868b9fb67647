import { useAsync } from '../../lib/use-async.js';
import { Link } from '../../router/link.js';
import { useApi } from '../../ui/api-context.js';

/**
 * A select of the saved workflows (a sub-workflow to call, an error workflow to start), with a
 * link to open the chosen one. Workflows whose trigger is "Called by a workflow" come first.
 */
export function WorkflowPicker({
  id,
  label,
  value,
  onChange,
  excludeId,
  invalid,
  describedBy,
  none,
  disabled,
}: {
  id: string;
  label: string;
  value: unknown;
  onChange: (id: string | undefined) => void;
  /** The open workflow, which is not offered (it cannot be its own error workflow; calling itself recurses). */
  excludeId?: string | null;
  invalid?: boolean;
  describedBy?: string;
  /** The text of the empty choice. */
  none: string;
  disabled?: boolean;
}) {
  const api = useApi();
  const { state, reload } = useAsync(() => api.workflows.list().then((r) => r.workflows), [api]);
  const all = (state.data ?? []).filter((w) => w.id !== excludeId);
  const callable = all.filter((w) => w.triggerType === 'subworkflowTrigger');
  const others = all.filter((w) => w.triggerType !== 'subworkflowTrigger');
  const current = typeof value === 'string' ? value : '';
  const known = state.data?.find((w) => w.id === current);
  const option = (w: (typeof all)[number]) => (
    <option key={w.id} value={w.id}>
      {w.name}
      {w.active ? '' : ' (inactive)'}
    </option>
  );
  return (
    <>
      <div className="picker-row">
        <select
          id={id}
          className="input"
          value={current}
          aria-label={label}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          disabled={disabled}
          onFocus={() => reload()}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        >
          <option value="">{state.status === 'loading' && !state.data ? 'Loading workflows…' : none}</option>
          {callable.length ? <optgroup label="Made to be called">{callable.map(option)}</optgroup> : null}
          {others.length ? callable.length ? <optgroup label="Other workflows">{others.map(option)}</optgroup> : others.map(option) : null}
          {current !== '' && !all.some((w) => w.id === current) ? (
            <option value={current}>{current === excludeId ? `This workflow (${current})` : state.data ? `Missing workflow (${current})` : current}</option>
          ) : null}
        </select>
        {known ? (
          <Link to={`/workflows/${encodeURIComponent(known.id)}`} className="button button-small button-ghost" aria-label={`Open ${known.name}`}>
            Open
          </Link>
        ) : null}
      </div>
      {state.status === 'error' ? (
        <small className="field-error" role="alert">
          Could not list the workflows: {state.error}
        </small>
      ) : null}
    </>
  );
}
