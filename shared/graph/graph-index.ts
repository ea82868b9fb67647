import { DEFAULT_OUTPUT } from '../nodes/define-node-type.js';
import type { WorkflowDefinition, WorkflowEdge, WorkflowNode } from './workflow-schema.js';

/** Lookups over one workflow graph, built once and shared by validation and the engine. */
export interface GraphIndex {
  nodes: ReadonlyMap<string, WorkflowNode>;
  incoming: ReadonlyMap<string, readonly WorkflowEdge[]>;
  outgoing: ReadonlyMap<string, readonly WorkflowEdge[]>;
}

/** Indexes nodes and edges by id; edges to unknown nodes are kept out of the adjacency lists. */
export function indexGraph(def: Pick<WorkflowDefinition, 'nodes' | 'edges'>): GraphIndex {
  const nodes = new Map(def.nodes.map((n) => [n.id, n] as const));
  const incoming = new Map<string, WorkflowEdge[]>();
  const outgoing = new Map<string, WorkflowEdge[]>();
  for (const n of def.nodes) {
    incoming.set(n.id, []);
    outgoing.set(n.id, []);
  }
  for (const e of def.edges) {
    if (!nodes.has(e.source) || !nodes.has(e.target)) continue;
    outgoing.get(e.source)?.push(e);
    incoming.get(e.target)?.push(e);
  }
  return { nodes, incoming, outgoing };
}

/** The output handle an edge leaves from; an omitted handle means the default output. */
export const edgeOutput = (e: WorkflowEdge): string => e.sourceHandle ?? DEFAULT_OUTPUT;

/** Node ids on some cycle (empty when the graph is acyclic), found with Kahn's algorithm. */
export function nodesOnCycles(g: GraphIndex): string[] {
  const indegree = new Map<string, number>();
  for (const [id, edges] of g.incoming) indegree.set(id, edges.length);
  const queue = [...indegree].filter(([, d]) => d === 0).map(([id]) => id);
  while (queue.length) {
    const id = queue.pop() as string;
    for (const e of g.outgoing.get(id) ?? []) {
      const d = (indegree.get(e.target) ?? 0) - 1;
      indegree.set(e.target, d);
      if (d === 0) queue.push(e.target);
    }
  }
  return [...indegree].filter(([, d]) => d > 0).map(([id]) => id);
}

/** Ids of every node reachable from `start` along edges (including `start`). */
export function reachableFrom(g: GraphIndex, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length) {
    const id = stack.pop() as string;
    for (const e of g.outgoing.get(id) ?? []) {
      if (!seen.has(e.target)) {
        seen.add(e.target);
        stack.push(e.target);
      }
    }
  }
  return seen;
}

/** Ids of every node from which `target` can be reached (the nodes upstream of it, excluding it). */
export function upstreamOf(g: GraphIndex, target: string): Set<string> {
  const seen = new Set<string>();
  const stack = [target];
  while (stack.length) {
    const id = stack.pop() as string;
    for (const e of g.incoming.get(id) ?? []) {
      if (!seen.has(e.source)) {
        seen.add(e.source);
        stack.push(e.source);
      }
    }
  }
  return seen;
}
