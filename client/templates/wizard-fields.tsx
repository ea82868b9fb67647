import { useId } from 'react';
import { CredentialDialog } from '../credentials/credential-dialog.js';
import type { TemplateCredentialInfo, TemplateInputInfo } from '../api/template-schemas.js';
import { useApp } from '../store/store-context.js';
import { Icon } from '../ui/icons.js';
import { OptionSelect } from '../ui/option-select.js';

/** One credential the template needs: pick a stored one of the right type, or ask to create one (`onCreate`). */
export function CredentialChoice({
  need,
  value,
  onChange,
  onCreate,
  problem,
}: {
  need: TemplateCredentialInfo;
  value: string;
  onChange: (id: string) => void;
  onCreate: () => void;
  problem?: string;
}) {
  const id = useId();
  const helpId = useId();
  const state = useApp((s) => s.credentials);
  const title = state.types.find((t) => t.type === need.type)?.title ?? need.type;
  const offered = state.items.filter((c) => c.type === need.type);
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {need.label}
        <span className="required" aria-label="required">
          *
        </span>
      </label>
      <div className="credential-choice">
        <select id={id} className="input" value={value} aria-invalid={problem ? true : undefined} aria-describedby={helpId} onChange={(e) => onChange(e.target.value)}>
          <option value="">{state.status === 'loading' ? 'Loading credentials…' : offered.length ? `Choose a ${title} credential…` : `No ${title} credential yet`}</option>
          {offered.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="button" className="button" disabled={state.status !== 'ready'} onClick={onCreate} aria-label={`New ${need.label} credential`}>
          <Icon name="plus" size={14} />
          New
        </button>
      </div>
      <small id={helpId} className="field-help">
        {need.help}
      </small>
      {problem ? (
        <small className="field-error" role="alert">
          {problem}
        </small>
      ) : null}
    </div>
  );
}

const inputType: Record<TemplateInputInfo['kind'], string> = { text: 'text', url: 'url', email: 'email', phone: 'tel', number: 'number', duration: 'text', select: 'text' };

/** One other value the template asks for, drawn by its kind. */
export function InputField({ input, value, onChange, problem }: { input: TemplateInputInfo; value: string; onChange: (v: string) => void; problem?: string }) {
  const id = useId();
  const helpId = useId();
  const required = input.required !== false && input.default === undefined;
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {input.label}
        {required ? (
          <span className="required" aria-label="required">
            *
          </span>
        ) : null}
      </label>
      {input.kind === 'select' ? (
        <OptionSelect id={id} value={value} options={input.options ?? []} describedBy={helpId} onChange={onChange} />
      ) : (
        <input
          id={id}
          className={`input${input.kind === 'url' ? ' mono' : ''}`}
          type={inputType[input.kind]}
          value={value}
          spellCheck={false}
          autoComplete="off"
          placeholder={input.placeholder ?? (input.default !== undefined ? String(input.default) : undefined)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={helpId}
          {...(input.kind === 'number' ? { min: input.min, max: input.max, step: input.integer ? 1 : 'any' } : {})}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <small id={helpId} className="field-help">
        {input.help}
      </small>
      {problem ? (
        <small className="field-error" role="alert">
          {problem}
        </small>
      ) : null}
    </div>
  );
}

/**
 * The credential dialog behind a CredentialChoice's "New": creates a credential of the needed
 * type and hands its id back for that need's key. Render it beside the form, never inside it:
 * its own form must not submit the other.
 */
export function NewCredentialDialog({ need, onClose, onCreated }: { need: TemplateCredentialInfo | null; onClose: () => void; onCreated: (key: string, id: string) => void }) {
  return (
    <CredentialDialog
      open={need !== null}
      mode={{ kind: 'create', types: need ? [need.type] : [] }}
      onClose={onClose}
      onSaved={(c) => {
        onClose();
        if (need) onCreated(need.key, c.id);
      }}
    />
  );
}
