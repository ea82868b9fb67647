import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http.js';
import { useCan } from '../auth/can.js';
import { useAsync } from '../lib/use-async.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { timeAgo } from '../ui/format.js';
import { Icon } from '../ui/icons.js';
import { TableHead } from '../ui/table-head.js';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.js';
import { VARIABLE_NAME, type VariableView } from '../../shared/variables/variable-schema.js';

/** The server's reason, with the first problem it names. */
const reasonOf = (e: unknown): string => (e instanceof ApiError && e.issues[0] ? e.issues[0].message : e instanceof Error ? e.message : String(e));
const blank = { name: '', value: '', secret: false };

/**
 * Settings › Variables: values every workflow reads as `{{ vars.NAME }}` (and `vars.NAME` in
 * code). Editors and owners add, change and delete them; viewers see the names. A secret
 * variable's value is written once and never shown again.
 */
export function VariablesSection() {
  const api = useApi();
  const toast = useApp((s) => s.toast);
  const canEdit = useCan('edit');
  const { state, reload } = useAsync(() => api.variables.list(), [api]);
  const [form, setForm] = useState(blank);
  const [problem, setProblem] = useState<string | null>(null);
  const now = Date.now();

  const act = async (work: () => Promise<unknown>, done: string) => {
    setProblem(null);
    try {
      await work();
      toast('success', done);
      reload();
      return true;
    } catch (e) {
      setProblem(reasonOf(e));
      return false;
    }
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!VARIABLE_NAME.test(form.name)) return setProblem('A name starts with a letter or "_", then letters, digits or "_" (it is read as vars.NAME).');
    if (await act(() => api.variables.create(form), `Created ${form.name}.`)) setForm(blank);
  };
  const items = state.data ?? [];

  return (
    <section className="card section-card" aria-labelledby="variables-h">
      <h2 id="variables-h">Variables</h2>
      <p className="muted small">
        Values every workflow can read: <code>{'{{ vars.NAME }}'}</code> in any field, <code>vars.NAME</code> in code. Mark one secret to store it encrypted and hide it in run records; its value is
        never shown again.
      </p>
      {state.status === 'error' ? <ErrorState message={state.error} onRetry={reload} /> : null}
      {state.status === 'loading' && !state.data ? <LoadingState /> : null}
      {state.data && items.length === 0 ? (
        <EmptyState icon="key" title="No variables">
          Add a base URL, a region or an account id once, and read it in every workflow.
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <table className="table" aria-label="Variables">
          <TableHead columns={['Name', 'Value', 'Updated']} />
          <tbody>
            {items.map((v) => (
              <VariableRow key={v.name} v={v} now={now} canEdit={canEdit} act={act} />
            ))}
          </tbody>
        </table>
      ) : null}
      {canEdit ? (
        <form className="key-form" onSubmit={add} aria-label="New variable">
          <input className="input mono variable-name" placeholder="NAME" aria-label="New variable name" value={form.name} maxLength={64} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          <input className="input mono variable-value" placeholder="value" aria-label="New variable value" value={form.value} onChange={(e) => setForm({ ...form, value: e.target.value })} />
          <label className="check-label">
            <input type="checkbox" checked={form.secret} onChange={(e) => setForm({ ...form, secret: e.target.checked })} /> Secret
          </label>
          <button className="button button-primary" disabled={!form.name.trim()}>
            <Icon name="plus" size={14} />
            Add variable
          </button>
        </form>
      ) : null}
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}

/** One variable: its value (a secret one shows only that it is secret), and editing in place. */
function VariableRow({ v, now, canEdit, act }: { v: VariableView; now: number; canEdit: boolean; act: (work: () => Promise<unknown>, done: string) => Promise<boolean> }) {
  const api = useApi();
  const [editing, setEditing] = useState<{ value: string; secret: boolean } | null>(null);
  const save = async () => {
    if (!editing) return;
    // A secret's value is never shown: an empty field keeps it, unless the variable becomes plain.
    const body = editing.value === '' && v.secret && editing.secret ? { secret: true } : { value: editing.value, secret: editing.secret };
    if (await act(() => api.variables.update(v.name, body), `Saved ${v.name}.`)) setEditing(null);
  };
  return (
    <tr>
      <td className="mono">{v.name}</td>
      {editing ? (
        <td>
          <input
            className="input mono"
            aria-label={`Value of ${v.name}`}
            placeholder={v.secret ? 'unchanged (secret)' : ''}
            value={editing.value}
            onChange={(e) => setEditing({ ...editing, value: e.target.value })}
          />
          <label className="check-label">
            <input type="checkbox" checked={editing.secret} onChange={(e) => setEditing({ ...editing, secret: e.target.checked })} /> Secret
          </label>
        </td>
      ) : (
        <td>{v.secret ? <span className="pill pill-grey">secret</span> : v.value !== undefined ? <code>{v.value}</code> : <span className="muted">hidden</span>}</td>
      )}
      <td className="muted small">{timeAgo(new Date(v.updatedAt).toISOString(), now)}</td>
      <td className="actions">
        {canEdit && editing ? (
          <>
            <button type="button" className="button button-small button-primary" onClick={() => void save()}>
              Save
            </button>
            <button type="button" className="button button-small button-ghost" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </>
        ) : canEdit ? (
          <>
            <button type="button" className="button button-small button-ghost" aria-label={`Edit ${v.name}`} onClick={() => setEditing({ value: v.value ?? '', secret: v.secret })}>
              Edit
            </button>
            <button type="button" className="button button-small button-ghost" aria-label={`Delete ${v.name}`} onClick={() => void act(() => api.variables.remove(v.name), `Deleted ${v.name}.`)}>
              Delete
            </button>
          </>
        ) : null}
      </td>
    </tr>
  );
}
