import { useEffect, useRef, useState } from 'react';

/**
 * Local text for a field whose stored value is not plain text (numbers, JSON): typing edits the
 * draft, and the draft follows the stored value when it changes from outside (undo, another node).
 */
export function useDraft<T>(value: T, show: (v: T) => string) {
  const [text, setText] = useState(() => show(value));
  const last = useRef(value);
  useEffect(() => {
    if (last.current !== value) {
      last.current = value;
      setText((cur) => (cur === show(value) ? cur : show(value)));
    }
  }, [value, show]);
  /** Records that `v` came from this draft, so the effect above does not overwrite the text. */
  const committed = (v: T) => {
    last.current = v;
  };
  return { text, setText, committed };
}
