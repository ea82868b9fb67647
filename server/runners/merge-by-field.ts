import { lookupPath, pathSegments } from '../../shared/graph/templates.js';
import type { MergeByField } from '../../shared/nodes/merge.node.js';

/**
 * Joins the items of two inputs where a field matches, as n8n's Merge "combine by matching
 * fields" does. Pure. An input is a list of items (a single object counts as one item, a branch
 * that did not run as none). A pair's item is the two merged, input 2 winning a clash (input 1
 * for a right join, whose items are input 2's), nested objects merged key by key. Output order:
 * the matched pairs in input 1's order, then the unmatched kept (input 1's, then input 2's).
 */

type Item = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Item => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The items an input's output holds. */
export const itemsOf = (output: unknown): unknown[] => (output === undefined || output === null ? [] : Array.isArray(output) ? output : [output]);

/** A field name or a path; a name that is not a path (`e-mail`) is one key. */
const keysOf = (field: string): string[] => pathSegments(field) ?? [field];

/** The items of one input: its output, or the list at `path` in it (`body` of an HTTP step). */
export const itemsAt = (output: unknown, path: string | undefined): unknown[] => itemsOf(path ? lookupPath(output, keysOf(path)) : output);

/** Equal as JSON values: the same primitive, or objects and lists with equal content. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `over` merged onto `base`: plain objects key by key, deeply; every other value replaced. */
function deepMerge(base: Item, over: Item): Item {
  const out: Item = {};
  for (const [k, v] of [...Object.entries(base), ...Object.entries(over)]) {
    const prev = Object.hasOwn(out, k) ? out[k] : undefined;
    const value = isPlainObject(prev) && isPlainObject(v) ? deepMerge(prev, v) : v;
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function joinByField(input1: readonly unknown[], input2: readonly unknown[], by: MergeByField): unknown[] {
  const keys1 = keysOf(by.field1);
  const keys2 = keysOf(by.field2);
  const values2 = input2.map((item) => lookupPath(item, keys2));
  const matched2 = new Set<number>();
  const pairs: unknown[] = [];
  const unmatched1: unknown[] = [];
  for (const item1 of input1) {
    const v1 = lookupPath(item1, keys1);
    let found = false;
    if (v1 !== undefined && isPlainObject(item1)) {
      input2.forEach((item2, i) => {
        if (!isPlainObject(item2) || !sameValue(v1, values2[i])) return;
        found = true;
        matched2.add(i);
        pairs.push(by.join === 'right' ? deepMerge(item2, item1) : deepMerge(item1, item2));
      });
    }
    if (!found) unmatched1.push(item1);
  }
  const unmatched2 = input2.filter((_, i) => !matched2.has(i));
  switch (by.join) {
    case 'inner':
      return pairs;
    case 'left':
      return [...pairs, ...unmatched1];
    case 'right':
      return [...pairs, ...unmatched2];
    case 'outer':
      return [...pairs, ...unmatched1, ...unmatched2];
    default: {
      const unreachable: never = by.join;
      return unreachable;
    }
  }
}
