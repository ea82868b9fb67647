import { createContext, useContext, useRef } from 'react';
import type { CompletionScope } from '../code/completions.js';

const EMPTY: CompletionScope = { data: {}, stepIds: [] };

/** The data the selected step can read, for completion in its code and `{{ }}` fields. */
export const ScopeContext = createContext<CompletionScope>(EMPTY);

/** A getter for the latest scope: editors read it when completing, not only when mounted. */
export function useScopeGetter(): () => CompletionScope {
  const scope = useContext(ScopeContext);
  const latest = useRef(scope);
  latest.current = scope;
  return useRef(() => latest.current).current;
}
