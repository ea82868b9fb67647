import { LOOP_ITEM_OUTPUT } from '../nodes/loop.node.js';
import { edgeOutput, indexGraph, reachableFrom, type GraphIndex } from './graph-index.js';
import type { WorkflowDefinition, WorkflowEdge, WorkflowNode } from './workflow-schema.js';

/**
 * A part of the graph that runs as a unit: the top level, or one loop's body, which runs
 * once per item. The loop node is its body's entry, the way the trigger is the top level's.
 */
export interface Frame {
  /** Where runs of this frame start: the trigger for the top level, the loop for a body. */
  entryId: string;
  /** The frame's own nodes (entry included) and the edges between them. */
  graph: GraphIndex;
}

export interface FrameLayout {
  root: Frame;
  /** Each loop's body, by the loop's node id. */
  bodies: ReadonlyMap<string, Frame>;
  /** The innermost loop whose body a node belongs to; top-level nodes are absent. */
  ownerOf: ReadonlyMap<string, string>;
}

type Graph = Pick<WorkflowDefinition, 'nodes' | 'edges'>;
const isItemEdge = (e: WorkflowEdge, loops: ReadonlySet<string>) => loops.has(e.source) && edgeOutput(e) === LOOP_ITEM_OUTPUT;

/**
 * The body of a loop is everything reachable from its "item" output. A node inside several
 * bodies (a nested loop) belongs to the innermost one: the smallest body that holds it.
 */
function ownersOf(def: Graph, loops: ReadonlySet<string>): Map<string, string> {
  const all = indexGraph(def);
  const bodies = [...loops].map((loop) => {
    const body = new Set<string>();
    for (const e of all.outgoing.get(loop) ?? []) {
      if (isItemEdge(e, loops)) for (const id of reachableFrom(all, e.target)) body.add(id);
    }
    body.delete(loop); // only on a cycle, which validation refuses anyway
    return { loop, body };
  });
  bodies.sort((a, b) => b.body.size - a.body.size); // outermost first, so inner loops overwrite
  const owner = new Map<string, string>();
  for (const { loop, body } of bodies) for (const id of body) owner.set(id, loop);
  return owner;
}

/** Splits a workflow into its top level and one frame per loop body. Pure; assumes a validated, acyclic graph. */
export function layoutFrames(def: Graph, triggerId: string, loopIds: Iterable<string>): FrameLayout {
  const loops = new Set(loopIds);
  const ownerOf = ownersOf(def, loops);
  const frameOfEdge = (e: WorkflowEdge) => (isItemEdge(e, loops) ? e.source : (ownerOf.get(e.source) ?? ''));
  const build = (key: string, entryId: string): Frame => {
    const nodes = def.nodes.filter((n: WorkflowNode) => n.id === entryId || (ownerOf.get(n.id) ?? '') === key);
    const edges = def.edges.filter((e) => frameOfEdge(e) === key && (ownerOf.get(e.target) ?? '') === key);
    return { entryId, graph: indexGraph({ nodes, edges }) };
  };
  return { root: build('', triggerId), bodies: new Map([...loops].map((id) => [id, build(id, id)])), ownerOf };
}

/** Edges that cross a loop's boundary, which a loop body cannot do: each with a message a person can act on. */
export function loopBoundaryIssues(def: Graph, loopIds: Iterable<string>): { edgeId: string; message: string }[] {
  const loops = new Set(loopIds);
  const ownerOf = ownersOf(def, loops);
  const issues: { edgeId: string; message: string }[] = [];
  for (const e of def.edges) {
    const expected = isItemEdge(e, loops) ? e.source : (ownerOf.get(e.source) ?? '');
    const actual = ownerOf.get(e.target) ?? '';
    if (expected === actual) continue;
    const loop = expected || actual;
    issues.push({
      edgeId: e.id,
      message: `This edge crosses the boundary of loop "${loop}": steps inside a loop connect only to each other. Continue after the loop from its "Done" output.`,
    });
  }
  return issues;
}
