import { createContext, useContext } from 'react';
import type { Step } from '../api/types.js';

/**
 * The step node is drawn in two places: the editor (state from the store) and a run's detail
 * (read-only, statuses from that run). The run page provides its steps here.
 */
export interface RunView {
  steps: Record<string, Step>;
  /** The loop item whose steps are shown, by loop id (0-based index); the loop's group says so. */
  openItems?: Readonly<Record<string, number>>;
}

export const RunViewContext = createContext<RunView | null>(null);
export const useRunView = (): RunView | null => useContext(RunViewContext);
