import { layoutFrames } from '../../shared/graph/frames.js';
import { loopNode } from '../../shared/nodes/loop.node.js';
import type { WorkflowEdge, WorkflowNode } from '../../shared/graph/workflow-schema.js';

/**
 * Where the canvas draws each loop's body: the box around the steps that repeat per item
 * (nested loops' bodies included), computed from the nodes' positions and sizes. Pure.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A node as the canvas placed it. */
export interface PlacedNode {
  id: string;
  nodeType: string;
  box: Box;
}

export interface LoopGroup {
  loopId: string;
  /** How many loops this one sits inside (0 at the top level). */
  depth: number;
  /** Every node the loop repeats, nested bodies included; the loop node itself is not. */
  memberIds: string[];
  box: Box;
}

/** Room around a body's nodes, and above them for the group's caption. */
export const GROUP_PAD = 18;
export const CAPTION_ROOM = 22;

type EdgeLike = Pick<WorkflowEdge, 'id' | 'source' | 'target'> & { sourceHandle?: string | null };

/**
 * Each loop's members: the nodes of its body (everything reachable from its "item" output,
 * see shared/graph/frames.ts) and, for a nested loop, its whole body too.
 */
export function loopMembers(nodes: readonly Pick<PlacedNode, 'id' | 'nodeType'>[], edges: readonly EdgeLike[]): Map<string, { depth: number; members: string[] }> {
  const loops = nodes.filter((n) => n.nodeType === loopNode.type).map((n) => n.id);
  const out = new Map<string, { depth: number; members: string[] }>();
  if (!loops.length) return out;
  const def = {
    nodes: nodes.map((n): WorkflowNode => ({ id: n.id, type: n.nodeType, position: { x: 0, y: 0 }, config: {} })),
    edges: edges.map((e): WorkflowEdge => ({ id: e.id, source: e.source, target: e.target, sourceHandle: e.sourceHandle ?? null })),
  };
  const { ownerOf } = layoutFrames(def, '', loops);
  const chain = (id: string): string[] => {
    const owners: string[] = [];
    const seen = new Set<string>();
    for (let o = ownerOf.get(id); o !== undefined && !seen.has(o); o = ownerOf.get(o)) {
      seen.add(o);
      owners.push(o);
    }
    return owners;
  };
  for (const loop of loops) out.set(loop, { depth: chain(loop).length, members: [] });
  for (const id of ownerOf.keys()) for (const owner of chain(id)) out.get(owner)?.members.push(id);
  return out;
}

const union = (boxes: readonly Box[]): Box | undefined => {
  if (!boxes.length) return undefined;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
};

/**
 * The groups to draw, outermost first (so inner ones paint on top). A group wraps its members'
 * boxes and the groups of loops inside it, with padding and room for its caption.
 */
export function loopGroups(members: ReadonlyMap<string, { depth: number; members: string[] }>, placed: readonly PlacedNode[]): LoopGroup[] {
  const boxOf = new Map(placed.map((p) => [p.id, p.box] as const));
  const groups = new Map<string, LoopGroup>();
  // Innermost first, so an outer group can wrap the inner groups' boxes.
  const order = [...members].sort(([, a], [, b]) => b.depth - a.depth);
  for (const [loopId, m] of order) {
    const boxes = m.members.flatMap((id) => {
      const own = boxOf.get(id);
      const inner = groups.get(id)?.box;
      return [...(own ? [own] : []), ...(inner ? [inner] : [])];
    });
    const b = union(boxes);
    if (!b) continue;
    groups.set(loopId, {
      loopId,
      depth: m.depth,
      memberIds: m.members,
      box: { x: b.x - GROUP_PAD, y: b.y - GROUP_PAD - CAPTION_ROOM, width: b.width + GROUP_PAD * 2, height: b.height + GROUP_PAD * 2 + CAPTION_ROOM },
    });
  }
  return [...groups.values()].sort((a, b) => a.depth - b.depth);
}
