import type { FlowEdge, FlowNode } from './flow-types.js';
import { isStepNode } from './flow-types.js';

/** The part of dagre's API the layout uses; passed in so the library is loaded only when asked. */
export interface DagreLike {
  graphlib: { Graph: new () => DagreGraph };
  layout: (g: DagreGraph) => void;
}
interface DagreGraph {
  setGraph(label: object): unknown;
  setDefaultEdgeLabel(fn: () => object): unknown;
  setNode(id: string, label: { width: number; height: number }): unknown;
  setEdge(source: string, target: string): unknown;
  node(id: string): { x: number; y: number } | undefined;
}

export const DEFAULT_NODE_SIZE = { width: 220, height: 64 };

/**
 * New positions for every step, left to right in run order, from dagre. Notes keep their
 * places: they annotate an area, and moving them would detach them from what they describe.
 */
export function layoutPositions(nodes: readonly FlowNode[], edges: readonly FlowEdge[], dagre: DagreLike): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const steps = nodes.filter(isStepNode);
  const size = new Map(steps.map((n) => [n.id, { width: n.measured?.width ?? DEFAULT_NODE_SIZE.width, height: n.measured?.height ?? DEFAULT_NODE_SIZE.height }]));
  for (const n of steps) g.setNode(n.id, size.get(n.id) ?? DEFAULT_NODE_SIZE);
  for (const e of edges) if (size.has(e.source) && size.has(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out = new Map<string, { x: number; y: number }>();
  for (const n of steps) {
    const p = g.node(n.id);
    const s = size.get(n.id) ?? DEFAULT_NODE_SIZE;
    // dagre gives centres; React Flow positions are top-left corners.
    if (p) out.set(n.id, { x: Math.round(p.x - s.width / 2), y: Math.round(p.y - s.height / 2) });
  }
  return out;
}
