import { templateExtensions } from '../code/template-extensions.js';
import { useCodeMirror } from '../code/use-code-mirror.js';
import { useInsert } from './insert-context.js';
import { useScopeGetter } from './scope-context.js';
import type { TemplatedInputProps } from './templated-input.js';

export interface TemplateEditorProps extends TemplatedInputProps {
  /** Where the caret was in the plain input shown while this loaded, if it had focus. */
  caretOnMount?: () => { from: number; to: number } | undefined;
}

/**
 * A templated field in CodeMirror (loaded with the first one shown): `{{ }}` marked, data and
 * helpers completed inside them, each expression checked inline. When focused it is the data
 * picker's target, so picking a field inserts at the caret.
 */
export default function TemplateEditor(props: TemplateEditorProps) {
  const { id, value, onChange, label, placeholder, multiline, invalid, describedBy, caretOnMount } = props;
  const scope = useScopeGetter();
  const target = useInsert();
  const { host, view } = useCodeMirror({ value, onChange, invalid, caretOnMount, extensions: () => templateExtensions({ id, label, describedBy, multiline, placeholder }, scope) });

  const register = () =>
    target?.setTarget((text) => {
      const v = view.current;
      if (!v) return;
      v.dispatch(v.state.replaceSelection(text));
      v.focus();
    }, label);

  return <div ref={host} className={`template-editor input${multiline ? ' is-multiline' : ''}`} onFocus={register} />;
}
