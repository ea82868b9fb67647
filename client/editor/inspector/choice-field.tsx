import { useId } from 'react';

export interface Choice<T extends string> {
  value: T;
  label: string;
  /** One line on what the choice does. */
  hint: string;
}

/** A setting with a few named choices, each with a one-line explanation: radio cards. */
export function ChoiceField<T extends string>({
  label,
  value,
  choices,
  onChange,
  problems = [],
  disabled,
  note,
}: {
  label: string;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (v: T) => void;
  problems?: string[];
  disabled?: boolean;
  /** Shown under the choices (why they are disabled, say). */
  note?: string;
}) {
  const name = useId();
  return (
    <fieldset className={`choice-list${problems.length ? ' field-invalid' : ''}`} disabled={disabled}>
      <legend className="field-label">{label}</legend>
      {choices.map((c) => (
        <label key={c.value} className={`choice${value === c.value ? ' chosen' : ''}`}>
          <input type="radio" name={name} value={c.value} checked={value === c.value} onChange={() => onChange(c.value)} />
          <span>
            <strong>{c.label}</strong>
            <span className="muted small">{c.hint}</span>
          </span>
        </label>
      ))}
      {note ? <small className="field-help">{note}</small> : null}
      {problems.map((p) => (
        <small key={p} className="field-error" role="alert">
          {p}
        </small>
      ))}
    </fieldset>
  );
}
