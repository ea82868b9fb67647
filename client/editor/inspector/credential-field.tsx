import { useEffect, useState } from 'react';
import { CredentialDialog } from '../../credentials/credential-dialog.js';
import { chooseCredentialText, fittingCredentialTypes } from '../../credentials/credential-form.js';
import { useApp } from '../../store/store-context.js';
import { Icon } from '../../ui/icons.js';

/**
 * A `credentialId` setting: a select of the stored credentials whose type fits where the field
 * sits (a trigger's auth kind and preset, an http step's signing), and an inline "Create credential".
 */
export function CredentialPicker({
  id,
  label,
  scope,
  owner,
  value,
  onChange,
  invalid,
  describedBy,
}: {
  id: string;
  label: string;
  scope: string;
  owner: Record<string, unknown>;
  value: unknown;
  onChange: (v: string | undefined) => void;
  invalid: boolean;
  describedBy?: string;
}) {
  const state = useApp((s) => s.credentials);
  const load = useApp((s) => s.loadCredentials);
  const [creating, setCreating] = useState(false);
  useEffect(() => void load(), [load]);
  const fits = fittingCredentialTypes(scope, owner);
  const offered = state.items.filter((c) => !fits || fits.includes(c.type));
  const current = typeof value === 'string' ? value : '';
  const missing = current !== '' && state.status === 'ready' && !state.items.some((c) => c.id === current);
  const title = (type: string) => state.types.find((t) => t.type === type)?.title ?? type;
  const wanted = fits ? fits.map(title).join(' or ') : 'any';

  return (
    <>
      <select
        id={id}
        className="input"
        value={current}
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      >
        <option value="">{state.status === 'loading' ? 'Loading credentials…' : offered.length ? chooseCredentialText(fits?.map(title)) : 'No fitting credential yet'}</option>
        {offered.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} · {title(c.type)}
          </option>
        ))}
        {/* A wrong-type pick from before stays visible, so the person sees what to replace. */}
        {current !== '' && !offered.some((c) => c.id === current) ? (
          <option value={current}>
            {state.status !== 'ready' ? current : missing ? `Missing credential (${current})` : `${state.items.find((c) => c.id === current)?.name ?? current} · wrong type`}
          </option>
        ) : null}
      </select>
      <div className="credential-foot">
        <small id={describedBy} className="field-help">
          Type: {wanted}. Manage credentials in Settings.
        </small>
        <button type="button" className="button button-small button-ghost" disabled={state.status !== 'ready'} onClick={() => setCreating(true)}>
          <Icon name="plus" size={14} />
          Create credential
        </button>
      </div>
      {state.status === 'error' ? (
        <small className="field-error" role="alert">
          {state.error}
        </small>
      ) : null}
      <CredentialDialog
        open={creating}
        mode={{ kind: 'create', ...(fits ? { types: fits } : {}) }}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          onChange(c.id);
        }}
      />
    </>
  );
}
