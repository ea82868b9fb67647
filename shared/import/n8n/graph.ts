import type { WorkflowEdge } from '../../graph/workflow-schema.js';
import type { MappedNode } from './mapper-types.js';
import type { N8nWorkflow } from './n8n-export-schema.js';

/** One n8n connection resolved to node ids, before handles are chosen. */
export interface Link {
  source: string;
  output: number;
  target: string;
  input: number;
}

/** n8n's `connections` (by node name, `main` outputs) as links between ids; other kinds are reported. */
export function linksOf(wf: N8nWorkflow, idOf: ReadonlyMap<string, string>, dropped: string[]): Link[] {
  const links: Link[] = [];
  for (const [sourceName, kinds] of Object.entries(wf.connections)) {
    const source = idOf.get(sourceName);
    for (const [kind, outputs] of Object.entries(kinds)) {
      if (kind !== 'main') {
        dropped.push(`"${kind}" connections of "${sourceName}" (AI and other sub-node links have no equivalent)`);
        continue;
      }
      outputs.forEach((targets, output) => {
        for (const t of targets ?? []) {
          const target = idOf.get(t.node);
          if (source === undefined || target === undefined) {
            dropped.push(`the connection "${sourceName}" -> "${t.node}" names a node that is not in the export`);
            continue;
          }
          links.push({ source, output, target, input: t.index });
        }
      });
    }
  }
  return links;
}

/**
 * Edges that would close a cycle, found by a depth-first walk in node order: n8n loops back
 * into Loop Over Items, Switchyard loops implicitly. Returns the edges to keep and the dropped.
 */
export function withoutCycles(nodeIds: readonly string[], edges: readonly WorkflowEdge[]): { kept: WorkflowEdge[]; dropped: WorkflowEdge[] } {
  const out = new Map<string, WorkflowEdge[]>();
  for (const e of edges) out.set(e.source, [...(out.get(e.source) ?? []), e]);
  const state = new Map<string, 'open' | 'done'>();
  const droppedIds = new Set<string>();
  const visit = (id: string): void => {
    state.set(id, 'open');
    for (const e of out.get(id) ?? []) {
      const s = state.get(e.target);
      if (s === 'open') droppedIds.add(e.id);
      else if (s === undefined) visit(e.target);
    }
    state.set(id, 'done');
  };
  for (const id of nodeIds) if (!state.has(id)) visit(id);
  return { kept: edges.filter((e) => !droppedIds.has(e.id)), dropped: edges.filter((e) => droppedIds.has(e.id)) };
}

export interface EdgeContext {
  mappedById: ReadonlyMap<string, MappedNode>;
  triggerIds: readonly string[];
  nameOf: (id: string) => string;
}

/**
 * Links as edges: each n8n output index becomes the mapped node's handle; links from outputs
 * without an equivalent and into triggers are dropped (and said). Sorted by input index, so a
 * merge sees its inputs in n8n's order; ids name source, handle and target, so they are stable.
 */
export function edgesOf(links: readonly Link[], { mappedById, triggerIds, nameOf }: EdgeContext, dropped: string[]): WorkflowEdge[] {
  const edges: WorkflowEdge[] = [];
  const seen = new Set<string>();
  for (const l of [...links].sort((a, b) => a.input - b.input)) {
    const mapped = mappedById.get(l.source);
    const handle = mapped?.handle ? mapped.handle(l.output) : l.output === 0 ? undefined : null;
    if (handle === null || (mapped?.handle && handle === undefined)) {
      dropped.push(`the connection from output ${l.output} of "${nameOf(l.source)}" to "${nameOf(l.target)}" (that output has no equivalent)`);
      continue;
    }
    if (triggerIds.includes(l.target)) {
      dropped.push(`the connection into the trigger "${nameOf(l.target)}"`);
      continue;
    }
    const id = `${l.source}-${handle ?? 'out'}-${l.target}`;
    if (seen.has(id)) continue;
    seen.add(id);
    edges.push({ id, source: l.source, target: l.target, ...(handle !== undefined ? { sourceHandle: handle } : {}) });
  }
  return edges;
}
