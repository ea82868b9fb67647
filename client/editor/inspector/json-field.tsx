import { useCallback, useState } from 'react';
import { insertAt } from './data-paths.js';
import { useInsert } from './insert-context.js';
import { useDraft } from './use-draft.js';

const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v, null, 2));

/**
 * A JSON value (an HTTP body). Typing keeps a draft; only valid JSON is stored, so the saved
 * config is never half-typed. The picker inserts a quoted template (`"{{ path }}"`).
 */
export function JsonField({ id, label, value, onChange }: { id: string; label: string; value: unknown; onChange: (v: unknown) => void }) {
  const target = useInsert();
  const { text, setText, committed } = useDraft(value, useCallback(show, []));
  const [error, setError] = useState<string>();
  const commit = (t: string) => {
    setText(t);
    if (t.trim() === '') {
      setError(undefined);
      committed(undefined);
      onChange(undefined);
      return;
    }
    try {
      const v: unknown = JSON.parse(t);
      setError(undefined);
      committed(v);
      onChange(v);
    } catch (e) {
      setError(`Not valid JSON yet: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <>
      <textarea
        id={id}
        className="input mono"
        rows={6}
        value={text}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-label={label}
        onChange={(e) => commit(e.target.value)}
        onFocus={(e) => {
          const el = e.currentTarget;
          target?.setTarget((tpl) => {
            const inString = (el.value.slice(0, el.selectionStart).match(/"/g)?.length ?? 0) % 2 === 1;
            const next = insertAt(el.value, el.selectionStart, el.selectionEnd, inString ? tpl : JSON.stringify(tpl));
            commit(next.value);
            requestAnimationFrame(() => {
              el.focus();
              el.setSelectionRange(next.caret, next.caret);
            });
          }, label);
        }}
      />
      {error ? <small className="field-error">{error}</small> : <small className="field-help">JSON. Strings may hold {'{{ }}'} templates.</small>}
    </>
  );
}
