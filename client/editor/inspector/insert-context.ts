import { createContext, useContext, useRef } from 'react';

/** Inserts text at the caret of the templated field that last had focus. */
export type Inserter = (text: string) => void;

export interface InsertTarget {
  /** Called by a field when it gains focus. */
  setTarget: (insert: Inserter | null, label: string) => void;
  /** Called by the data picker. Returns false when no field is ready to receive text. */
  insert: (text: string) => boolean;
  label: () => string | null;
}

/** One insert target per inspector; fields register on focus, the picker inserts. */
export function useInsertTarget(): InsertTarget {
  const ref = useRef<{ insert: Inserter | null; label: string | null }>({ insert: null, label: null });
  const api = useRef<InsertTarget>({
    setTarget: (insert, label) => {
      ref.current = { insert, label };
    },
    insert: (text) => {
      if (!ref.current.insert) return false;
      ref.current.insert(text);
      return true;
    },
    label: () => ref.current.label,
  });
  return api.current;
}

export const InsertContext = createContext<InsertTarget | null>(null);
export const useInsert = (): InsertTarget | null => useContext(InsertContext);
