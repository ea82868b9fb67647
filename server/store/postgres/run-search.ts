import type { Sql } from './sql.js';
import type { RunFilter, RunSearchPage, TriggerValueMatch } from '../../engine/records.js';
import { literalProbe } from '../trigger-value-probe.js';
import { cols, listWhere, toRow, triggerValueExact, type RawRun } from './run-repo.js';

/** How many runs a body-value search examines newest first before it turns to the GIN index. */
const PG_BODY_WINDOW = 1_000;

/** The JSON values a text `value` stands for: the string itself, and the number, boolean or null it spells. */
function jsonValuesOf(value: string): unknown[] {
  const values: unknown[] = [value];
  if (value === 'true' || value === 'false' || value === 'null') values.push(JSON.parse(value));
  else if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(value) && Number.isFinite(Number(value))) values.push(Number(value));
  return values;
}

/**
 * The documents `{"data": {"object": {"id": "pi_1"}}}` that a body holding the value at the path
 * contains: what the GIN index events_body_json (jsonb_path_ops) looks up. An array index
 * becomes "an array with such an element", wider than the exact index, so the exact test follows.
 */
export function containmentDocs(m: TriggerValueMatch): string[] {
  return jsonValuesOf(m.value).map((leaf) => JSON.stringify(m.path.reduceRight<unknown>((inner, key) => (typeof key === 'number' ? [inner] : { [key]: inner }), leaf)));
}

/** The cheap byte test before the JSON parse: the raw part must contain the value's spelling. */
function probeCondition(m: TriggerValueMatch, args: unknown[]): string {
  const probe = literalProbe(m.value);
  if (probe === null) return 'true';
  args.push(m.part === 'body' ? Buffer.from(probe) : probe);
  return m.part === 'body' ? `position($${args.length}::bytea in e.body) > 0` : `strpos(e.${m.part}, $${args.length}) > 0`;
}

/**
 * A trigger-value search on PostgreSQL. First the newest `examineAtMost` runs of the other
 * filters, each event tested (a byte probe, then the JSON): a common value fills the page there.
 * For a body value, the older runs are then found through the GIN index on the parsed body, so
 * the answer is complete; a query or header value answers with where its window ended.
 */
export async function searchRuns(q: Sql, f: RunFilter & { where: TriggerValueMatch }, examineAtMost: number): Promise<RunSearchPage> {
  const { where: match, limit, ...rest } = f;
  const { where, args } = listWhere(rest);
  // A body value is found through the index past the window: the window only has to catch a
  // common value cheaply (each event there is parsed), so it is smaller.
  const window = match.part === 'body' ? Math.min(examineAtMost, PG_BODY_WINDOW) : examineAtMost;
  const inWindow = [...args, window];
  const test = `EXISTS (SELECT 1 FROM events e WHERE e.id = runs.event_id AND ${probeCondition(match, inWindow)} AND ${triggerValueExact(match, inWindow)})`;
  inWindow.push(limit);
  const rows = await q.rows<RawRun>(
    `SELECT ${cols} FROM (SELECT * FROM runs ${where} ORDER BY created_at DESC, id DESC LIMIT $${args.length + 1}) AS runs WHERE ${test} ORDER BY created_at DESC, id DESC LIMIT $${inWindow.length}`,
    inWindow,
  );
  if (rows.length >= limit) return { rows: rows.map(toRow), examinedTo: null };
  const edge = await q.one<{ createdAt: number; id: string }>(`SELECT created_at AS "createdAt", id FROM runs ${where} ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET $${args.length + 1}`, [
    ...args,
    window - 1,
  ]);
  if (!edge) return { rows: rows.map(toRow), examinedTo: null };
  if (match.part !== 'body') return { rows: rows.map(toRow), examinedTo: { createdAt: Number(edge.createdAt), id: edge.id } };
  const older = listWhere({ ...rest, before: edge });
  const indexed = [...older.args];
  const contains = containmentDocs(match).map((doc) => {
    indexed.push(doc);
    return `sy_try_jsonb(e.body) @> $${indexed.length}::jsonb`;
  });
  const exact = triggerValueExact(match, indexed);
  indexed.push(limit - rows.length);
  const more = await q.rows<RawRun>(
    `SELECT ${cols} FROM runs ${older.where} AND event_id IN (SELECT e.id FROM events e WHERE (${contains.join(' OR ')}) AND ${exact})
     ORDER BY created_at DESC, id DESC LIMIT $${indexed.length}`,
    indexed,
  );
  return { rows: [...rows, ...more].map(toRow), examinedTo: null };
}
