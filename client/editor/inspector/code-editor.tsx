import { useMemo, useRef, type KeyboardEvent } from 'react';
import { tokenize } from './code-highlight.js';

const INDENT = '  ';

/**
 * A light code editor: a transparent textarea over a highlighted <pre>, with line numbers.
 * Tab indents; Escape then Tab leaves the editor, so keyboard users are never trapped.
 */
export default function CodeEditor({ id, value, onChange, onFocus, label, errorLine }: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  onFocus?: (el: HTMLTextAreaElement) => void;
  label: string;
  errorLine?: number;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const pre = useRef<HTMLPreElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const escaped = useRef(false);
  const tokens = useMemo(() => tokenize(value), [value]);
  const lines = value.split('\n').length;

  const sync = () => {
    const a = area.current;
    if (!a) return;
    if (pre.current) {
      pre.current.scrollTop = a.scrollTop;
      pre.current.scrollLeft = a.scrollLeft;
    }
    if (gutter.current) gutter.current.scrollTop = a.scrollTop;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      escaped.current = true;
      return;
    }
    if (e.key !== 'Tab' || escaped.current || e.ctrlKey || e.metaKey || e.altKey) {
      escaped.current = false;
      return;
    }
    e.preventDefault();
    const a = e.currentTarget;
    const { selectionStart: s, selectionEnd: end } = a;
    const next = e.shiftKey
      ? value.slice(0, s).replace(/(^|\n) {1,2}([^\n]*)$/, '$1$2') + value.slice(s)
      : value.slice(0, s) + INDENT + value.slice(end);
    const caret = e.shiftKey ? Math.max(0, s - (value.length - next.length)) : s + INDENT.length;
    onChange(next);
    requestAnimationFrame(() => a.setSelectionRange(caret, caret));
  };

  return (
    <div className="code-editor">
      <div className="code-gutter" ref={gutter} aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => <div key={i} className={errorLine === i + 1 ? 'code-line-error' : undefined}>{i + 1}</div>)}
      </div>
      <div className="code-main">
        <pre ref={pre} className="code-highlight" aria-hidden="true">
          {tokens.map((t, i) => (t.type === 'plain' ? t.text : <span key={i} className={`tok-${t.type}`}>{t.text}</span>))}
          {'\n'}
        </pre>
        <textarea id={id} ref={area} className="code-input" value={value} spellCheck={false} autoCapitalize="off" autoComplete="off" aria-label={label}
          onChange={(e) => onChange(e.target.value)} onScroll={sync} onKeyDown={onKeyDown} onFocus={(e) => onFocus?.(e.currentTarget)} />
      </div>
    </div>
  );
}
