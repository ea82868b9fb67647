import { Field } from './field-widgets.js';
import { fieldValue, type FieldSpec } from './form-schema.js';

const asObject = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * A nested settings object (retry, rate limit, signing). Filling any field creates it; clearing
 * every field removes it again, so an untouched optional group never fails validation.
 */
export function ObjectField({ spec, value, onChange, problemsFor }: { spec: FieldSpec; value: unknown; onChange: (v: unknown) => void; problemsFor: (path: string) => string[] }) {
  const obj = asObject(value);
  const set = (key: string, v: unknown) => {
    const next = { ...obj };
    if (v === undefined) delete next[key];
    else next[key] = v;
    onChange(Object.keys(next).length ? next : undefined);
  };
  return (
    <fieldset className="object-field">
      <legend className="field-label">
        {spec.label}
        {value === undefined ? <span className="muted small"> · not set</span> : null}
      </legend>
      {(spec.fields ?? []).map((f) => (
        <Field
          key={f.key}
          spec={{ ...f, help: f.help }}
          value={fieldValue(obj, { ...f, defaultValue: undefined })}
          problems={problemsFor(`${spec.key}.${f.key}`)}
          owner={obj}
          onChange={(v) => set(f.key, v)}
        />
      ))}
    </fieldset>
  );
}
