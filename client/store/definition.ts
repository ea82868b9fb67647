import { workflowDefinitionSchema } from '../../shared/graph/workflow-schema.js';
import type { WorkflowEdge, WorkflowNode } from '../../shared/graph/workflow-schema.js';
import { readNotes } from './flow-mapping.js';
import type { GraphDoc } from './flow-types.js';

/** A stored definition split into what the editor keeps apart: metadata and the graph. */
export interface LoadedDefinition {
  name: string;
  description: string;
  /** Kept as loaded and sent back on save (set through the API; the list shows and filters them). */
  tags: string[];
  /** Pinned step outputs for test runs, by node id: kept as loaded and sent back on save. */
  pinned: Record<string, unknown>;
  settings: Record<string, unknown>;
  doc: GraphDoc;
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Reads a definition from the server. A valid one is taken as parsed; a damaged one is still
 * opened (keeping every well-formed node and edge) so a person can repair it on the canvas.
 */
export function readDefinition(raw: Record<string, unknown>): LoadedDefinition {
  const parsed = workflowDefinitionSchema.safeParse(raw);
  if (parsed.success) {
    const d = parsed.data;
    return { name: d.name, description: d.description ?? '', tags: d.tags ?? [], pinned: d.pinned ?? {}, settings: d.settings, doc: { nodes: d.nodes, edges: d.edges, notes: d.notes ?? [] } };
  }
  const nodes = asArray(raw.nodes).flatMap((n): WorkflowNode[] => {
    if (!isObj(n) || typeof n.id !== 'string' || typeof n.type !== 'string') return [];
    const p = isObj(n.position) ? n.position : {};
    return [
      {
        id: n.id,
        type: n.type,
        position: { x: typeof p.x === 'number' ? p.x : 0, y: typeof p.y === 'number' ? p.y : 0 },
        config: isObj(n.config) ? n.config : {},
        ...(typeof n.label === 'string' ? { label: n.label } : {}),
      },
    ];
  });
  const edges = asArray(raw.edges).flatMap((e): WorkflowEdge[] => {
    if (!isObj(e) || typeof e.id !== 'string' || typeof e.source !== 'string' || typeof e.target !== 'string') return [];
    return [
      {
        id: e.id,
        source: e.source,
        target: e.target,
        ...(typeof e.sourceHandle === 'string' ? { sourceHandle: e.sourceHandle } : {}),
        ...(typeof e.targetHandle === 'string' ? { targetHandle: e.targetHandle } : {}),
      },
    ];
  });
  return {
    name: typeof raw.name === 'string' ? raw.name : 'Untitled workflow',
    description: typeof raw.description === 'string' ? raw.description : '',
    tags: asArray(raw.tags).filter((t): t is string => typeof t === 'string'),
    pinned: isObj(raw.pinned) ? raw.pinned : {},
    settings: isObj(raw.settings) ? raw.settings : {},
    doc: { nodes, edges, notes: readNotes(raw) },
  };
}

/** The JSON the API receives on save: name, graph and notes (notes omitted when there are none). */
export function buildDefinition(
  meta: { name: string; description: string; tags?: string[]; pinned?: Record<string, unknown>; settings: Record<string, unknown> },
  doc: GraphDoc,
): Record<string, unknown> {
  return {
    name: meta.name.trim() || 'Untitled workflow',
    ...(meta.description.trim() ? { description: meta.description } : {}),
    ...(meta.tags?.length ? { tags: meta.tags } : {}),
    nodes: doc.nodes,
    edges: doc.edges,
    settings: meta.settings,
    // Pins of nodes that were deleted are dropped with them.
    ...pinsOf(meta.pinned, doc),
    ...(doc.notes.length ? { notes: doc.notes } : {}),
  };
}

/** `{pinned}` for the nodes still in the graph, or nothing when none is pinned. */
function pinsOf(pinned: Record<string, unknown> | undefined, doc: GraphDoc): { pinned?: Record<string, unknown> } {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const kept = Object.entries(pinned ?? {}).filter(([id]) => ids.has(id));
  return kept.length ? { pinned: Object.fromEntries(kept) } : {};
}
