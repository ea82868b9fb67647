import type { N8nNode } from './n8n-export-schema.js';

/**
 * What an n8n Merge node does, read from its parameters across versions: v1 names each mode
 * (`append`, `mergeByIndex`, `mergeByKey`, ...); v2 has `mode: combine` with `combinationMode`
 * (default `mergeByFields`); v3 `combineBy` (default `combineByFields`), with the fields as
 * `fieldsToMatchString` ("id, name") unless `advanced`, then as pairs in `mergeByFields.values`.
 */

/** n8n's Output Type (`joinMode`) and v1's `mergeByKey` as a join, or `nonMatches` (no equivalent). */
export type N8nJoin = 'inner' | 'left' | 'right' | 'outer' | 'nonMatches';

export type N8nMergeMode =
  | { kind: 'append' }
  | { kind: 'position' }
  | { kind: 'chooseBranch' }
  | { kind: 'byField'; pairs: Array<{ field1: string; field2: string }>; join: N8nJoin; v1: boolean }
  | { kind: 'other'; name: string };

const JOINS: Record<string, N8nJoin> = { keepMatches: 'inner', enrichInput1: 'left', enrichInput2: 'right', keepEverything: 'outer', keepNonMatches: 'nonMatches' };

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

function pairsOf(p: Record<string, unknown>, typeVersion: number): Array<{ field1: string; field2: string }> {
  const listed = (p.mergeByFields as { values?: unknown } | undefined)?.values;
  const fromList = Array.isArray(listed) ? listed.map((v: { field1?: unknown; field2?: unknown }) => ({ field1: str(v.field1), field2: str(v.field2) })) : [];
  // From v2.1 the fields are one string unless "Match Fields with Different Names" is on.
  if (typeVersion >= 2.1 && p.advanced !== true) {
    return str(p.fieldsToMatchString)
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean)
      .map((f) => ({ field1: f, field2: f }));
  }
  return fromList.filter((x) => x.field1 || x.field2);
}

/** The mode of an n8n Merge node. */
export function n8nMergeMode(n: Pick<N8nNode, 'parameters' | 'typeVersion'>): N8nMergeMode {
  const p = n.parameters;
  const mode = str(p.mode) || 'append';
  if (mode === 'append') return { kind: 'append' };
  if (mode === 'chooseBranch' || mode === 'passThrough' || mode === 'wait') return { kind: 'chooseBranch' };
  if (mode === 'mergeByIndex') return { kind: 'position' };
  if (mode === 'mergeByKey') return { kind: 'byField', pairs: [{ field1: str(p.propertyName1), field2: str(p.propertyName2) }], join: 'left', v1: true };
  if (mode !== 'combine') return { kind: 'other', name: mode };
  const by = str(p.combineBy) || str(p.combinationMode) || (n.typeVersion >= 3 ? 'combineByFields' : 'mergeByFields');
  if (by === 'combineByPosition' || by === 'mergeByPosition') return { kind: 'position' };
  if (by === 'combineByFields' || by === 'mergeByFields') return { kind: 'byField', pairs: pairsOf(p, n.typeVersion), join: JOINS[str(p.joinMode) || 'keepMatches'] ?? 'nonMatches', v1: false };
  return { kind: 'other', name: `combine/${by}` };
}

/** The first field pair and the join, when the node becomes a `byField` merge (a list of joined items); else undefined. */
export function byFieldJoin(m: N8nMergeMode): { field1: string; field2: string; join: Exclude<N8nJoin, 'nonMatches'> } | undefined {
  if (m.kind !== 'byField' || m.join === 'nonMatches') return undefined;
  const pair = m.pairs[0];
  return pair?.field1 && pair.field2 ? { field1: pair.field1, field2: pair.field2, join: m.join } : undefined;
}
