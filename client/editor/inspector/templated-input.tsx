import { lazy, Suspense, useCallback, useRef } from 'react';
import { PlainField, type Selection } from './plain-field.js';

const TemplateEditor = lazy(() => import('./template-editor.js'));

export interface TemplatedInputProps {
  id: string;
  value: string;
  onChange: (v: string) => void;
  label: string;
  placeholder?: string;
  multiline?: boolean;
  invalid?: boolean;
  describedBy?: string;
}

/**
 * A field that accepts `{{ }}` templates: a CodeMirror line (template-editor.tsx) once its
 * chunk has loaded, a plain input until then. Typing may begin in the plain one: the editor
 * takes over with the same text, the focus and the caret.
 */
export function TemplatedInput(props: TemplatedInputProps) {
  const caret = useRef<Selection | undefined>(undefined);
  const caretOnMount = useCallback(() => caret.current, []);
  return (
    <Suspense fallback={<PlainField {...props} caret={caret} />}>
      <TemplateEditor {...props} caretOnMount={caretOnMount} />
    </Suspense>
  );
}
