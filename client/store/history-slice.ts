import type { FlowEdge, FlowNode } from './flow-types.js';
import type { Slice } from './slice.js';

/** The canvas as it was before one edit. Arrays are immutable, so keeping references is cheap. */
export interface GraphSnapshot {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export const HISTORY_LIMIT = 100;

/** Undo and redo over whole-graph snapshots. */
export interface HistorySlice {
  past: GraphSnapshot[];
  future: GraphSnapshot[];
  /** Key of the last checkpoint: repeated edits with the same key (typing in one field) undo as one. */
  lastCheckpointKey: string | undefined;
  /** Remembers the current graph before an edit. */
  checkpoint: (key?: string) => void;
  undo: () => boolean;
  redo: () => boolean;
}

export const createHistorySlice: Slice<HistorySlice> = () => (set, get) => {
  /** Puts a snapshot back, keeping what is selected now: selection is not part of the history. */
  const restore = (snap: GraphSnapshot) => {
    const selected = new Set([...get().nodes, ...get().edges].filter((x) => x.selected).map((x) => x.id));
    const keep = <T extends { id: string; selected?: boolean }>(x: T): T => (Boolean(x.selected) === selected.has(x.id) ? x : { ...x, selected: selected.has(x.id) });
    set({ nodes: snap.nodes.map(keep), edges: snap.edges.map(keep), dirty: true, edits: get().edits + 1, lastCheckpointKey: undefined });
    get().revalidate();
  };
  return {
    past: [],
    future: [],
    lastCheckpointKey: undefined,

    checkpoint: (key) => {
      if (key !== undefined && key === get().lastCheckpointKey) return;
      const { nodes, edges, past } = get();
      set({ past: [...past.slice(-(HISTORY_LIMIT - 1)), { nodes, edges }], future: [], lastCheckpointKey: key });
    },

    undo: () => {
      const { past, future, nodes, edges } = get();
      const prev = past[past.length - 1];
      if (!prev) return false;
      set({ past: past.slice(0, -1), future: [...future, { nodes, edges }] });
      restore(prev);
      return true;
    },

    redo: () => {
      const { past, future, nodes, edges } = get();
      const next = future[future.length - 1];
      if (!next) return false;
      set({ future: future.slice(0, -1), past: [...past, { nodes, edges }] });
      restore(next);
      return true;
    },
  };
};
