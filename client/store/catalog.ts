import type { NodeTypeInfo } from '../api/types.js';
import { getNodeType } from '../../shared/nodes/registry.js';
import { ERROR_OUTPUT, nodeCategories, nodeOutputs, type NodeOutput } from '../../shared/nodes/define-node-type.js';

/** The output handles a node has now: its type's (maybe config-dependent) outputs, plus "error" when failures branch. */
export function outputsOf(type: string, config: unknown, onFailure?: string): readonly NodeOutput[] {
  const d = getNodeType(type);
  const base = d ? nodeOutputs(d, config) : [];
  return onFailure === 'branch' ? [...base, { id: ERROR_OUTPUT, label: 'On error' }] : base;
}

/** The value at a zod issue's path in a config, to tell a field left empty from one filled in wrong. */
function valueAt(config: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = config;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/**
 * One line describing a node's config for the canvas. A config with fields still empty "Needs
 * setup"; one filled in wrong (a syntax error, a URL that is not whole) says what is wrong.
 */
export function summarizeNode(type: string, config: unknown): string {
  const d = getNodeType(type);
  if (!d) return `Unknown type "${type}"`;
  const parsed = d.configSchema.safeParse(config);
  if (!parsed.success) {
    const wrong = parsed.error.issues.find((i) => {
      const value = valueAt(config, i.path);
      return value !== undefined && value !== '';
    });
    return wrong ? wrong.message : 'Needs setup';
  }
  try {
    return d.summarize(parsed.data);
  } catch {
    return '';
  }
}

/** Palette groups in the order of the shared categories; unknown categories go last. */
export function groupByCategory(types: readonly NodeTypeInfo[], query = ''): { category: string; types: NodeTypeInfo[] }[] {
  const q = query.trim().toLowerCase();
  const match = (t: NodeTypeInfo) => q === '' || [t.title, t.description, t.type, t.category].some((s) => s.toLowerCase().includes(q));
  const order = (c: string) => {
    const i = (nodeCategories as readonly string[]).indexOf(c);
    return i === -1 ? nodeCategories.length : i;
  };
  const groups = new Map<string, NodeTypeInfo[]>();
  for (const t of types.filter(match)) groups.set(t.category, [...(groups.get(t.category) ?? []), t]);
  return [...groups].sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b)).map(([category, list]) => ({ category, types: list }));
}

/** The config a freshly dropped node starts with (a deep copy, so nodes never share objects). */
export function initialConfig(info: Pick<NodeTypeInfo, 'defaults'> | undefined): Record<string, unknown> {
  const d = info?.defaults;
  return d && typeof d === 'object' && !Array.isArray(d) ? (structuredClone(d) as Record<string, unknown>) : {};
}

export const categoryLabel = (c: string): string => c.charAt(0).toUpperCase() + c.slice(1);
