import { Annotation, EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useLayoutEffect, useRef } from 'react';

/** Marks a change that came from outside (undo in the store, another field), so it is not echoed back. */
const fromOutside = Annotation.define<boolean>();

/**
 * Mounts a CodeMirror view in the returned host element (inside its shadow root). The extensions are read once, at
 * mount; `value` is kept in sync both ways, `onChange` always sees the latest callback, and
 * `invalid` is announced on the editable element. Focus and caret pass over from the plain
 * field shown while the editor's chunk loaded (plain-field.tsx).
 */
export function useCodeMirror({
  value,
  onChange,
  extensions,
  invalid,
  caretOnMount,
}: {
  value: string;
  onChange: (v: string) => void;
  extensions: () => Extension[];
  invalid?: boolean;
  /** Where the caret was in the plain field shown while the editor loaded, if it had focus. */
  caretOnMount?: () => { from: number; to: number } | undefined;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const initial = useRef({ value, extensions });

  // A layout effect: the plain field leaves the page and the editor takes its focus in one task.
  // With a passive effect, a key pressed in between went to the page, where Delete removes the
  // selected step (seen in the editing e2e test, and possible for a fast typist).
  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    // In a shadow root, CodeMirror's styles go into an adopted style sheet, which the page's
    // Content-Security-Policy (style-src 'self', no inline <style>) allows.
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const v = new EditorView({
      root,
      parent: root,
      state: EditorState.create({
        doc: initial.current.value,
        extensions: [
          initial.current.extensions(),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !u.transactions.some((tr) => tr.annotation(fromOutside))) changed.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    // Typing had begun in the plain field: carry on in the editor, at the same place.
    const caret = caretOnMount?.();
    if (caret !== undefined) {
      v.focus();
      const end = v.state.doc.length;
      v.dispatch({ selection: { anchor: Math.min(caret.from, end), head: Math.min(caret.to, end) } });
    }
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []); // Mounted once: later props flow in through the effects below.

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value }, annotations: fromOutside.of(true) });
    }
  }, [value]);

  useEffect(() => {
    const content = view.current?.contentDOM;
    if (!content) return;
    if (invalid) content.setAttribute('aria-invalid', 'true');
    else content.removeAttribute('aria-invalid');
  }, [invalid]);

  return { host, view };
}
