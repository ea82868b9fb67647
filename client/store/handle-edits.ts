import type { FlowEdge } from './flow-types.js';

/** What happened to a node's output handles in one config edit (a switch case renamed or removed). */
export interface HandleEdits {
  renamed?: Readonly<Record<string, string>>;
  removed?: readonly string[];
}

/** The edges after a node's handles changed: edges on a renamed handle follow it, edges on a removed one go. */
export function applyHandleEdits(edges: readonly FlowEdge[], nodeId: string, edits: HandleEdits): FlowEdge[] {
  const removed = new Set(edits.removed ?? []);
  const renamed = edits.renamed ?? {};
  return edges.flatMap((e) => {
    if (e.source !== nodeId || !e.sourceHandle) return [e];
    if (removed.has(e.sourceHandle)) return [];
    const to = Object.hasOwn(renamed, e.sourceHandle) ? renamed[e.sourceHandle] : undefined;
    return [to !== undefined ? { ...e, sourceHandle: to } : e];
  });
}
