/** One difference between two JSON documents, at a dotted path. */
export interface Change {
  op: 'add' | 'remove' | 'change';
  path: string;
  before?: unknown;
  after?: unknown;
}

const MAX_CHANGES = 200;
const MAX_VALUE_CHARS = 1000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Large values are kept as a shortened JSON string, so one pasted blob cannot bloat the log. */
function clip(v: unknown): unknown {
  const text = JSON.stringify(v);
  if (text === undefined || text.length <= MAX_VALUE_CHARS) return v;
  return `${text.slice(0, MAX_VALUE_CHARS)}… (${text.length} characters)`;
}

/** Lists of things with ids become maps by id, so a reordered or inserted node is not "everything changed". */
function byId(list: unknown): unknown {
  if (!Array.isArray(list) || !list.every((x) => isObject(x) && typeof x.id === 'string')) return list;
  return Object.fromEntries((list as Array<{ id: string }>).map((x) => [x.id, x]));
}

/** A workflow definition keyed for diffing: nodes, edges and notes by id. */
export function keyedDefinition(def: unknown): unknown {
  if (!isObject(def)) return def;
  return { ...def, nodes: byId(def.nodes), edges: byId(def.edges), ...(def.notes !== undefined ? { notes: byId(def.notes) } : {}) };
}

function walk(a: unknown, b: unknown, path: string, out: Change[]): void {
  if (out.length >= MAX_CHANGES) return;
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in b)) out.push({ op: 'remove', path: p, before: clip(a[k]) });
      else if (!(k in a)) out.push({ op: 'add', path: p, after: clip(b[k]) });
      else walk(a[k], b[k], p, out);
      if (out.length >= MAX_CHANGES) return;
    }
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ op: 'change', path, before: clip(a), after: clip(b) });
}

/**
 * What changed between two versions of a workflow, node by node and field by field
 * (`nodes.post.config.url`). At most 200 changes; long values are shortened.
 */
export function diffDefinitions(before: unknown, after: unknown): Change[] {
  const out: Change[] = [];
  walk(keyedDefinition(before), keyedDefinition(after), '', out);
  return out;
}
