import { useState, type KeyboardEvent } from 'react';
import { codeExtensions } from '../code/code-extensions.js';
import { useCodeMirror } from '../code/use-code-mirror.js';
import { useInsert } from './insert-context.js';
import { useScopeGetter } from './scope-context.js';

/**
 * The code step's editor (CodeMirror 6, loaded with the first code field opened): JavaScript
 * highlighting, completion of the step's data and the helpers, the server's syntax check inline,
 * wrapping, a handle to resize it and a full-screen mode (Escape leaves it).
 */
export default function CodeEditor({
  id,
  value,
  onChange,
  label,
  invalid,
  describedBy,
  caretOnMount,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  label: string;
  invalid?: boolean;
  describedBy?: string;
  caretOnMount?: () => { from: number; to: number } | undefined;
}) {
  const scope = useScopeGetter();
  const target = useInsert();
  const [full, setFull] = useState(false);
  const { host, view } = useCodeMirror({ value, onChange, invalid, caretOnMount, extensions: () => codeExtensions({ id, label, describedBy }, scope) });

  // Code reads data directly, so the picker inserts the bare path, not a template.
  const register = () =>
    target?.setTarget((text) => {
      const v = view.current;
      if (!v) return;
      v.dispatch(v.state.replaceSelection(text.replace(/^\{\{\s*|\s*\}\}$/g, '')));
      v.focus();
    }, label);

  const onKeyDown = (e: KeyboardEvent) => {
    if (full && e.key === 'Escape' && !e.defaultPrevented) {
      setFull(false);
      requestAnimationFrame(() => view.current?.focus());
    }
  };

  return (
    <div className={`code-editor${full ? ' is-full' : ''}`} onKeyDown={onKeyDown}>
      <div className="code-editor-bar">
        <span className="code-editor-lang" title="Ctrl+Space suggests data and helpers">
          JavaScript
        </span>
        <button
          type="button"
          className="code-editor-toggle"
          aria-pressed={full}
          onClick={() => {
            setFull(!full);
            requestAnimationFrame(() => view.current?.focus());
          }}
        >
          {full ? 'Exit full screen' : 'Full screen'}
        </button>
      </div>
      <div ref={host} className="code-editor-host" onFocus={register} />
    </div>
  );
}
