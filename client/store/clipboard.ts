import { z } from 'zod';
import { workflowEdgeSchema, workflowNodeSchema } from '../../shared/graph/workflow-schema.js';
import type { WorkflowEdge, WorkflowNode } from '../../shared/graph/workflow-schema.js';
import type { GraphDoc, WorkflowNote } from './flow-types.js';
import { edgeId, uniqueId } from './ids.js';

/** Marks clipboard JSON as ours, so pasting arbitrary text never adds junk to the canvas. */
export const CLIPBOARD_KIND = 'switchyard/nodes';

const noteSchema = z.object({
  id: z.string().min(1),
  position: z.object({ x: z.number(), y: z.number() }),
  text: z.string(),
  width: z.number().optional(),
  height: z.number().optional(),
});

const fragmentSchema = z.object({
  kind: z.literal(CLIPBOARD_KIND),
  nodes: z.array(workflowNodeSchema),
  edges: z.array(workflowEdgeSchema).default([]),
  notes: z.array(noteSchema).default([]),
});

/** The JSON put on the clipboard: the selected nodes, notes and the edges between them. */
export function serializeFragment(doc: GraphDoc): string {
  return JSON.stringify({ kind: CLIPBOARD_KIND, ...doc }, null, 2);
}

/** Reads clipboard text; undefined when it is not a Switchyard fragment. */
export function parseFragment(text: string): GraphDoc | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = fragmentSchema.safeParse(raw);
  return parsed.success ? { nodes: parsed.data.nodes, edges: parsed.data.edges, notes: parsed.data.notes } : undefined;
}

/** Only the selected part of a graph, keeping edges whose both ends are selected. */
export function pickFragment(doc: GraphDoc, selected: ReadonlySet<string>): GraphDoc {
  const nodes = doc.nodes.filter((n) => selected.has(n.id));
  const ids = new Set(nodes.map((n) => n.id));
  return {
    nodes,
    edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    notes: doc.notes.filter((n) => selected.has(n.id)),
  };
}

/** Rewrites `steps.<old>` references in every string of a config after ids were changed. */
function renameStepRefs(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\bsteps\.([A-Za-z_][A-Za-z0-9_]*)/g, (m, id: string) => (renames.has(id) ? `steps.${renames.get(id)}` : m));
  }
  if (Array.isArray(value)) return value.map((v) => renameStepRefs(v, renames));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameStepRefs(v, renames)]));
  }
  return value;
}

export interface PlacedFragment extends GraphDoc {
  /** Triggers left out because the workflow already has one. */
  skippedTriggers: number;
}

/**
 * Gives a pasted fragment fresh ids that do not clash with `taken`, moves it by `offset`, and
 * drops triggers when the canvas already has one (a workflow has exactly one).
 */
export function placeFragment(frag: GraphDoc, taken: ReadonlySet<string>, offset: { x: number; y: number }, isTrigger: (type: string) => boolean, hasTrigger: boolean): PlacedFragment {
  const used = new Set(taken);
  const renames = new Map<string, string>();
  let skippedTriggers = 0;
  const keep = frag.nodes.filter((n) => {
    if (isTrigger(n.type) && hasTrigger) {
      skippedTriggers++;
      return false;
    }
    return true;
  });
  for (const n of keep) {
    const id = uniqueId(n.id, used);
    used.add(id);
    renames.set(n.id, id);
  }
  const move = (p: { x: number; y: number }) => ({ x: p.x + offset.x, y: p.y + offset.y });
  const nodes: WorkflowNode[] = keep.map((n) => ({
    ...n,
    id: renames.get(n.id) as string,
    position: move(n.position),
    config: renameStepRefs(n.config, renames) as Record<string, unknown>,
  }));
  const edges: WorkflowEdge[] = [];
  for (const e of frag.edges) {
    const source = renames.get(e.source);
    const target = renames.get(e.target);
    if (!source || !target) continue;
    const id = edgeId(source, e.sourceHandle, target, used);
    used.add(id);
    edges.push({ ...e, id, source, target });
  }
  const notes: WorkflowNote[] = frag.notes.map((n) => {
    const id = uniqueId(n.id, used);
    used.add(id);
    return { ...n, id, position: move(n.position) };
  });
  return { nodes, edges, notes, skippedTriggers };
}
