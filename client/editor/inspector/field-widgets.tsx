import { lazy, Suspense, useCallback, useId, useRef } from 'react';
import type { FieldSpec } from './form-schema.js';
import { CredentialPicker } from './credential-field.js';
import { KeyValueField } from './key-value-field.js';
import { TemplatedInput } from './templated-input.js';
import { PlainField, type Selection } from './plain-field.js';
import { useDraft } from './use-draft.js';
import { JsonField } from './json-field.js';

const CodeEditor = lazy(() => import('./code-editor.js'));

export interface FieldProps {
  spec: FieldSpec;
  value: unknown;
  onChange: (v: unknown) => void;
  /** Messages from validation for this field. */
  problems: string[];
  /** The settings object this field sits in (a credential picker reads the auth kind and preset). */
  owner?: Record<string, unknown>;
}

const asString = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** "500" becomes 500 where a number is allowed; "5s" stays text. */
const coerce = (text: string, numeric: boolean | undefined): string | number => (numeric && /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text);

function ListInput({ spec, value, onChange, id }: FieldProps & { id: string }) {
  const show = useCallback((v: unknown) => (Array.isArray(v) ? v.map(String).join(', ') : ''), []);
  const { text, setText, committed } = useDraft(value, show);
  return (
    <input
      id={id}
      className="input"
      value={text}
      placeholder="comma, separated, values"
      onChange={(e) => {
        setText(e.target.value);
        const items = e.target.value
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
          .map((x) => coerce(x, spec.numeric));
        const v = items.length ? items : undefined;
        committed(v);
        onChange(v);
      }}
    />
  );
}

function NumberInput({ spec, value, onChange, id, invalid }: FieldProps & { id: string; invalid: boolean }) {
  const show = useCallback((v: unknown) => (typeof v === 'number' ? String(v) : ''), []);
  const { text, setText, committed } = useDraft(value, show);
  return (
    <input
      id={id}
      className="input"
      type="number"
      inputMode={spec.integer ? 'numeric' : 'decimal'}
      value={text}
      min={spec.min}
      max={spec.max}
      step={spec.integer ? 1 : 'any'}
      aria-invalid={invalid || undefined}
      placeholder={spec.defaultValue !== undefined ? String(spec.defaultValue) : undefined}
      onChange={(e) => {
        setText(e.target.value);
        const n = e.target.value === '' ? undefined : Number(e.target.value);
        if (n === undefined || Number.isFinite(n)) {
          committed(n);
          onChange(n);
        }
      }}
    />
  );
}

function CodeInput({ spec, value, onChange, id, invalid, describedBy }: FieldProps & { id: string; invalid: boolean; describedBy: string }) {
  const code = asString(value);
  const caret = useRef<Selection | undefined>(undefined);
  const caretOnMount = useCallback(() => caret.current, []);
  return (
    <Suspense fallback={<PlainField id={id} label={spec.label} value={code} onChange={onChange} multiline code caret={caret} invalid={invalid} describedBy={describedBy} />}>
      <CodeEditor id={id} value={code} label={spec.label} onChange={(v) => onChange(v)} invalid={invalid} describedBy={describedBy} caretOnMount={caretOnMount} />
    </Suspense>
  );
}

/** One form field: label, widget chosen by the spec, help text and validation messages. */
export function Field(props: FieldProps) {
  const { spec, value, onChange, problems } = props;
  const id = useId();
  const helpId = `${id}-help`;
  const invalid = problems.length > 0;
  let widget;
  switch (spec.kind) {
    case 'text':
      widget = spec.templated ? (
        <TemplatedInput
          id={id}
          label={spec.label}
          value={asString(value)}
          onChange={onChange}
          invalid={invalid}
          describedBy={helpId}
          placeholder={spec.defaultValue !== undefined ? String(spec.defaultValue) : undefined}
        />
      ) : (
        <input
          id={id}
          className="input"
          value={asString(value)}
          aria-invalid={invalid || undefined}
          aria-describedby={helpId}
          placeholder={spec.defaultValue !== undefined ? String(spec.defaultValue) : undefined}
          onChange={(e) => onChange(e.target.value === '' ? undefined : coerce(e.target.value, spec.numeric))}
        />
      );
      break;
    case 'list':
      widget = <ListInput {...props} id={id} />;
      break;
    case 'number':
      widget = <NumberInput {...props} id={id} invalid={invalid} />;
      break;
    case 'select':
      widget = (
        <select id={id} className="input" value={asString(value)} aria-invalid={invalid || undefined} onChange={(e) => onChange(e.target.value)}>
          {value === undefined ? <option value="">Choose…</option> : null}
          {(spec.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
      break;
    case 'multi-select': {
      const chosen = Array.isArray(value) ? value.map(String) : [];
      widget = (
        <div className="checkbox-row" role="group" aria-labelledby={`${id}-label`}>
          {(spec.options ?? []).map((o) => (
            <label key={o} className="checkbox-chip">
              <input
                type="checkbox"
                checked={chosen.includes(o)}
                onChange={(e) => onChange(e.target.checked ? (spec.options ?? []).filter((x) => x === o || chosen.includes(x)) : chosen.filter((x) => x !== o))}
              />
              <span>{o}</span>
            </label>
          ))}
        </div>
      );
      break;
    }
    case 'boolean':
      return (
        <div className="field field-check">
          <label className="check-label">
            <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} /> {spec.label}
          </label>
          {problems.map((p) => (
            <small key={p} className="field-error" role="alert">
              {p}
            </small>
          ))}
        </div>
      );
    case 'key-value':
      widget = <KeyValueField label={spec.label} value={value} onChange={onChange} />;
      break;
    case 'code':
      widget = <CodeInput {...props} id={id} invalid={invalid} describedBy={helpId} />;
      break;
    case 'json':
      widget = <JsonField id={id} label={spec.label} value={value} onChange={onChange} />;
      break;
    case 'credential':
      widget = <CredentialPicker id={id} label={spec.label} scope={spec.scope ?? ''} owner={props.owner ?? {}} value={value} onChange={onChange} invalid={invalid} describedBy={helpId} />;
      break;
    case 'rules':
    case 'cases':
    case 'union':
    case 'object':
      // Drawn by their own components (rule-builder, union-field, object-field) in schema-form.tsx.
      widget = null;
      break;
    default: {
      const unreachable: never = spec.kind;
      widget = unreachable;
    }
  }
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}`}>
      <label id={`${id}-label`} htmlFor={id} className="field-label">
        {spec.label}
        {spec.required ? (
          <span className="required" aria-label="required">
            *
          </span>
        ) : null}
      </label>
      {widget}
      {spec.help && spec.kind !== 'json' && spec.kind !== 'credential' ? (
        <small id={helpId} className="field-help">
          {spec.help}
        </small>
      ) : null}
      {problems.map((p) => (
        <small key={p} className="field-error" role="alert">
          {p}
        </small>
      ))}
    </div>
  );
}
