import type { ReactNode } from 'react';

/** A field of the workflow settings panel: its label, the control (`id`), help below it (`<id>-help`) and the schema's problems. */
export function SettingField({ id, label, problems, help, children }: { id: string; label: string; problems: string; help: ReactNode; children: ReactNode }) {
  return (
    <div className={`field${problems ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children}
      <small id={`${id}-help`} className="field-help">
        {help}
      </small>
      {problems ? (
        <small className="field-error" role="alert">
          {problems}
        </small>
      ) : null}
    </div>
  );
}
