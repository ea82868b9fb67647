import { useRef } from 'react';
import { insertAt } from './data-paths.js';
import { useInsert } from './insert-context.js';
import type { TemplatedInputProps } from './templated-input.js';

/** A selection in a field, handed to the editor that replaces it. */
export interface Selection {
  from: number;
  to: number;
}

const selectionOf = (el: HTMLInputElement | HTMLTextAreaElement | null, end: number): Selection => ({ from: el?.selectionStart ?? end, to: el?.selectionEnd ?? end });

/**
 * The plain input shown while a CodeMirror field's chunk loads: it works fully, is the data
 * picker's target when focused, and remembers the caret so the editor can take over.
 */
export function PlainField({
  id,
  value,
  onChange,
  label,
  placeholder,
  multiline,
  invalid,
  describedBy,
  caret,
  code,
}: TemplatedInputProps & {
  caret: { current: Selection | undefined };
  /** A code field: the picker inserts the bare path, not a template. */
  code?: boolean;
}) {
  const target = useInsert();
  const el = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const valueRef = useRef(value);
  valueRef.current = value;

  const register = () => {
    caret.current = selectionOf(el.current, value.length);
    target?.setTarget((text) => {
      const input = el.current;
      const cur = valueRef.current;
      const next = insertAt(cur, input?.selectionStart ?? cur.length, input?.selectionEnd ?? cur.length, code ? text.replace(/^\{\{\s*|\s*\}\}$/g, '') : text);
      onChange(next.value);
      caret.current = { from: next.caret, to: next.caret };
    }, label);
  };
  const track = () => {
    if (el.current?.isConnected) caret.current = selectionOf(el.current, value.length);
  };

  const common = {
    id,
    ref: el,
    value,
    placeholder,
    'aria-label': label,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    className: code ? 'input code-fallback' : 'input templated',
    spellCheck: false,
    onFocus: register,
    onSelect: track,
    // Removed on load, the input may blur: only a blur while still in the page means focus left.
    onBlur: () => {
      if (el.current?.isConnected) caret.current = undefined;
    },
  };
  return multiline ? (
    <textarea
      {...common}
      rows={code ? 12 : 3}
      onChange={(e) => {
        onChange(e.target.value);
        track();
      }}
    />
  ) : (
    <input
      {...common}
      type="text"
      onChange={(e) => {
        onChange(e.target.value);
        track();
      }}
    />
  );
}
