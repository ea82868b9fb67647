import { useId } from 'react';
import { Field } from './field-widgets.js';
import { fieldValue, type FieldSpec } from './form-schema.js';

const asObject = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** One of several shapes told apart by a "kind" property (e.g. a trigger's auth): a select, then that shape's fields. */
export function UnionField({ spec, value, onChange, problemsFor }: { spec: FieldSpec; value: unknown; onChange: (v: unknown) => void; problemsFor: (path: string) => string[] }) {
  const id = useId();
  const disc = spec.discriminator ?? 'kind';
  const obj = asObject(value ?? spec.defaultValue);
  const current = String(obj[disc] ?? spec.variants?.[0]?.value ?? '');
  const variant = spec.variants?.find((v) => v.value === current);
  return (
    <fieldset className="union">
      <legend className="field-label">{spec.label}</legend>
      <select id={id} className="input" aria-label={`${spec.label} ${disc}`} value={current} onChange={(e) => onChange({ [disc]: e.target.value })}>
        {(spec.variants ?? []).map((v) => (
          <option key={v.value} value={v.value}>
            {v.value}
          </option>
        ))}
      </select>
      {variant?.fields.map((f: FieldSpec) => (
        <Field
          key={f.key}
          spec={f}
          value={fieldValue(obj, f)}
          problems={problemsFor(`${spec.key}.${f.key}`)}
          owner={{ ...obj, [disc]: current }}
          onChange={(v) => onChange({ ...obj, [disc]: current, [f.key]: v })}
        />
      ))}
    </fieldset>
  );
}
