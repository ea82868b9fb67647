/** Equality of JSON values (what definitions are made of); key order does not matter. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra).filter((k) => ra[k] !== undefined);
  return keys.length === Object.keys(rb).filter((k) => rb[k] !== undefined).length && keys.every((k) => jsonEqual(ra[k], rb[k]));
}

/** The parts of a workflow definition a diff looks at (a stored version, or the editor's draft). */
export interface DiffableWorkflow {
  name: string;
  description?: string;
  nodes: ReadonlyArray<{ id: string; type: string; name?: string; config?: Record<string, unknown>; [key: string]: unknown }>;
  edges: ReadonlyArray<{ id: string; source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null }>;
  settings?: Record<string, unknown>;
}

/** What changed from the live version to the draft: nodes added, removed, and changed (with the fields). */
export interface VersionDiff {
  added: string[];
  removed: string[];
  changed: Array<{ nodeId: string; fields: string[] }>;
  /** Connections added or removed, as "source → target". */
  edgesAdded: string[];
  edgesRemoved: string[];
  /** Workflow-level fields that differ: name, description, settings. */
  workflowFields: string[];
  same: boolean;
}

const edgeKey = (e: DiffableWorkflow['edges'][number]) => `${e.source}${e.sourceHandle ? `:${e.sourceHandle}` : ''} → ${e.target}`;

/** The fields of one node that differ; a node's position on the canvas is layout, not behaviour, and is left out. */
function nodeFields(a: DiffableWorkflow['nodes'][number], b: DiffableWorkflow['nodes'][number]): string[] {
  const fields: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key === 'position' || key === 'config' || key === 'id') continue;
    if (!jsonEqual(a[key], b[key])) fields.push(key);
  }
  const ca = a.config ?? {};
  const cb = b.config ?? {};
  for (const key of new Set([...Object.keys(ca), ...Object.keys(cb)])) if (!jsonEqual(ca[key], cb[key])) fields.push(`config.${key}`);
  return fields;
}

/** A pure comparison of two versions of a workflow, for "draft differs from live" and its diff. */
export function diffVersions(live: DiffableWorkflow, draft: DiffableWorkflow): VersionDiff {
  const before = new Map(live.nodes.map((n) => [n.id, n]));
  const after = new Map(draft.nodes.map((n) => [n.id, n]));
  const added = draft.nodes.filter((n) => !before.has(n.id)).map((n) => n.id);
  const removed = live.nodes.filter((n) => !after.has(n.id)).map((n) => n.id);
  const changed: VersionDiff['changed'] = [];
  for (const n of draft.nodes) {
    const old = before.get(n.id);
    const fields = old ? nodeFields(old, n) : [];
    if (fields.length) changed.push({ nodeId: n.id, fields });
  }
  const edgesBefore = new Set(live.edges.map(edgeKey));
  const edgesAfter = new Set(draft.edges.map(edgeKey));
  const edgesAdded = [...edgesAfter].filter((k) => !edgesBefore.has(k));
  const edgesRemoved = [...edgesBefore].filter((k) => !edgesAfter.has(k));
  const workflowFields = (['name', 'description', 'settings'] as const).filter((k) => !jsonEqual(live[k] ?? null, draft[k] ?? null));
  const same = !added.length && !removed.length && !changed.length && !edgesAdded.length && !edgesRemoved.length && !workflowFields.length;
  return { added, removed, changed, edgesAdded, edgesRemoved, workflowFields, same };
}
