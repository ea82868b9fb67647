import { useId, useMemo, useState, type FormEvent } from 'react';
import type { Credential } from '../api/credential-schemas.js';
import { ApiError } from '../api/http.js';
import { useApp } from '../store/store-context.js';
import { Dialog } from '../ui/dialog.js';
import { credentialData, credentialFields, credentialNamePlaceholder, emptyValues, serverProblems, type CredentialField, type CredentialFormValues } from './credential-form.js';
import { OptionSelect } from '../ui/option-select.js';

export type CredentialDialogMode = { kind: 'create'; types?: readonly string[] } | { kind: 'update'; credential: Credential };

const inputTypes: Partial<Record<CredentialField['kind'], string>> = { secret: 'password', number: 'number', datetime: 'datetime-local' };

/** The empty choice of a list: keeps the stored value, or takes the default. */
const choiceBlank = (field: CredentialField, updating: boolean) => (updating ? '(unchanged)' : field.defaultValue !== undefined ? `Default: ${String(field.defaultValue)}` : 'Choose…');

function FieldInput({ field, value, onChange, problem, updating }: { field: CredentialField; value: string | boolean; onChange: (v: string | boolean) => void; problem?: string; updating: boolean }) {
  const id = useId();
  if (field.kind === 'boolean') {
    return (
      <label className="check-label">
        <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} /> {field.label}
      </label>
    );
  }
  const keepHint = updating ? ' Leave empty to keep the stored value.' : '';
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {field.label}
        {field.required && !updating ? (
          <span className="required" aria-label="required">
            *
          </span>
        ) : null}
      </label>
      {field.kind === 'choice' ? (
        <OptionSelect id={id} value={typeof value === 'string' ? value : ''} options={field.options ?? []} blank={choiceBlank(field, updating)} onChange={onChange} />
      ) : (
        <input
          id={id}
          className={`input${field.kind === 'secret' ? ' mono' : ''}`}
          value={typeof value === 'string' ? value : ''}
          // Secrets are typed into password inputs and never filled back in: the server does not return them.
          type={inputTypes[field.kind] ?? 'text'}
          autoComplete={field.kind === 'secret' ? 'new-password' : 'off'}
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          placeholder={updating ? (field.kind === 'secret' ? '•••••••• (unchanged)' : '(unchanged)') : field.defaultValue !== undefined ? String(field.defaultValue) : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {field.help || keepHint ? (
        <small className="field-help">
          {field.help}
          {keepHint}
        </small>
      ) : null}
      {problem ? (
        <small className="field-error" role="alert">
          {problem}
        </small>
      ) : null}
    </div>
  );
}

/** The form inside the dialog; mounted afresh each time the dialog opens, so nothing typed lingers. */
function CredentialForm({ mode, onSaved, onCancel }: { mode: CredentialDialogMode; onSaved: (c: Credential) => void; onCancel: () => void }) {
  const types = useApp((s) => s.credentials.types);
  const createCredential = useApp((s) => s.createCredential);
  const updateCredential = useApp((s) => s.updateCredential);
  const offered = mode.kind === 'create' && mode.types ? types.filter((t) => mode.types?.includes(t.type)) : types;
  const [chosen, setType] = useState(mode.kind === 'update' ? mode.credential.type : '');
  // Until a type is chosen, the first one offered (the types may arrive after the dialog opened).
  const type = chosen || offered[0]?.type || '';
  const info = types.find((t) => t.type === type);
  const fields = useMemo(() => (info ? credentialFields(info) : []), [info]);
  const [name, setName] = useState(mode.kind === 'update' ? mode.credential.name : '');
  const [values, setValues] = useState<CredentialFormValues>(() => emptyValues(fields));
  const [rotate, setRotate] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const updating = mode.kind === 'update';

  const changeType = (t: string) => {
    setType(t);
    const next = types.find((x) => x.type === t);
    setValues(next ? emptyValues(credentialFields(next)) : {});
    setProblems({});
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const built = credentialData(fields, values, updating ? 'update' : 'create');
    const found = { ...built.problems };
    if (name.trim() === '') found.name = 'Give the credential a name.';
    if (rotate && !values.secret) found.secret = 'Rotating needs the new secret.';
    setProblems(found);
    if (Object.keys(found).length) return;
    if (mode.kind === 'update' && name.trim() === mode.credential.name && !Object.keys(built.data).length && !rotate) {
      onCancel(); // nothing changed: no request, and no "saved" that saved nothing
      return;
    }
    setBusy(true);
    try {
      const saved =
        mode.kind === 'update'
          ? await updateCredential(mode.credential.id, {
              ...(name.trim() !== mode.credential.name ? { name: name.trim() } : {}),
              ...(Object.keys(built.data).length ? { data: built.data } : {}),
              ...(rotate ? { rotate: true } : {}),
            })
          : await createCredential({ name: name.trim(), type, data: built.data });
      // Drop what was typed before handing back: the secret lives on the server only.
      setValues(emptyValues(fields));
      onSaved(saved);
    } catch (err) {
      const byField = err instanceof ApiError ? serverProblems(err.issues) : {};
      setProblems({ ...byField, '': err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  const nameId = useId();
  const typeId = useId();
  return (
    <form className="form-stack credential-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className={`field${problems.name ? ' field-invalid' : ''}`}>
        <label htmlFor={nameId} className="field-label">
          Name
          <span className="required" aria-label="required">
            *
          </span>
        </label>
        <input id={nameId} className="input" value={name} maxLength={200} placeholder={credentialNamePlaceholder(info?.title)} onChange={(e) => setName(e.target.value)} />
        {problems.name ? (
          <small className="field-error" role="alert">
            {problems.name}
          </small>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={typeId} className="field-label">
          Type
        </label>
        <select id={typeId} className="input" value={type} disabled={updating || offered.length <= 1} onChange={(e) => changeType(e.target.value)}>
          {(updating ? types.filter((t) => t.type === type) : offered).map((t) => (
            <option key={t.type} value={t.type}>
              {t.title}
            </option>
          ))}
        </select>
        {info?.description ? <small className="field-help">{info.description}</small> : null}
      </div>
      {fields.map((f) => (
        <FieldInput key={`${type}.${f.key}`} field={f} value={values[f.key] ?? ''} problem={problems[f.key]} updating={updating} onChange={(v) => setValues((cur) => ({ ...cur, [f.key]: v }))} />
      ))}
      {updating && type === 'webhook-secret' ? (
        <label className="check-label">
          <input type="checkbox" checked={rotate} onChange={(e) => setRotate(e.target.checked)} /> Rotate: keep accepting the old secret as the previous one
        </label>
      ) : null}
      {problems[''] ? (
        <p className="form-error" role="alert">
          {problems['']}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy || !info}>
          {updating ? 'Save changes' : 'Create credential'}
        </button>
      </div>
    </form>
  );
}

/** Create or change a credential. Secret inputs are password fields, empty on every open. */
export function CredentialDialog({ open, mode, onClose, onSaved }: { open: boolean; mode: CredentialDialogMode; onClose: () => void; onSaved: (c: Credential) => void }) {
  const title = mode.kind === 'update' ? `Change “${mode.credential.name}”` : 'New credential';
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <CredentialForm mode={mode} onCancel={onClose} onSaved={onSaved} />
    </Dialog>
  );
}
