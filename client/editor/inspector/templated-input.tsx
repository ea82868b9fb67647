import { useRef } from 'react';
import { insertAt } from './data-paths.js';
import { useInsert } from './insert-context.js';

/**
 * A text input that accepts `{{ }}` templates; when focused it becomes the data picker's target,
 * so picking a field inserts at the caret.
 */
export function TemplatedInput({ id, value, onChange, label, placeholder, multiline, invalid, describedBy }: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  label: string;
  placeholder?: string;
  multiline?: boolean;
  invalid?: boolean;
  describedBy?: string;
}) {
  const target = useInsert();
  const el = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const valueRef = useRef(value);
  valueRef.current = value;

  const register = () => {
    target?.setTarget((text) => {
      const input = el.current;
      const cur = valueRef.current;
      const start = input?.selectionStart ?? cur.length;
      const end = input?.selectionEnd ?? cur.length;
      const next = insertAt(cur, start, end, text);
      onChange(next.value);
      requestAnimationFrame(() => {
        input?.focus();
        input?.setSelectionRange(next.caret, next.caret);
      });
    }, label);
  };

  const common = {
    id,
    ref: el,
    value,
    placeholder,
    'aria-label': label,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    className: `input templated${value.includes('{{') ? ' has-template' : ''}`,
    spellCheck: false,
    onFocus: register,
  };
  return multiline ? (
    <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
  ) : (
    <input {...common} type="text" onChange={(e) => onChange(e.target.value)} />
  );
}
