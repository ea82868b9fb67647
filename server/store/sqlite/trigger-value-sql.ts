import { literalProbe } from '../trigger-value-probe.js';
import type { TriggerValueMatch } from '../../engine/records.js';

/** `['data', 'items', 0, 'id']` as an SQLite JSON path: `$."data"."items"[0]."id"` (keys quoted, so any key works). */
export function jsonPathOf(path: ReadonlyArray<string | number>): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `."${p.replace(/"/g, '')}"`)).join('')}`;
}

/**
 * The text of the JSON value at `path` (a parameter or a quoted literal) of `doc`, null when
 * `doc` is not JSON or has nothing there: true, false and null as those words, numbers as
 * their text. A declared search path indexes this very expression (search-path-index.ts).
 */
export function jsonValueText(doc: string, path: string): string {
  return `(CASE WHEN json_valid(${doc}) THEN
    CASE json_type(${doc}, ${path}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN 'null' ELSE CAST(json_extract(${doc}, ${path}) AS TEXT) END
  END)`;
}

/**
 * The SQL condition (on `runs`) that its event holds `value` at a JSON path of the trigger part,
 * and its parameters. The raw body is bytes: read as text, and only when it is valid JSON (a
 * form post or a bad body simply does not match). JSON true, false and null compare as those
 * words, numbers as their text, so `id=42` finds `{"id": 42}`. When the value has a literal
 * spelling, a substring test on the raw bytes first skips the events that cannot hold it.
 */
export function triggerValueCondition(m: TriggerValueMatch): { sql: string; args: Array<string | Buffer> } {
  const raw = m.part === 'body' ? 'e.body' : `e.${m.part}`;
  const doc = m.part === 'body' ? 'CAST(e.body AS TEXT)' : `e.${m.part}`;
  const probe = literalProbe(m.value);
  const path = jsonPathOf(m.path);
  const exact = `${jsonValueText(doc, '?')} = ?`;
  if (probe === null) return { sql: `EXISTS (SELECT 1 FROM events e WHERE e.id = runs.event_id AND ${exact})`, args: [path, path, m.value] };
  // instr() on a blob compares bytes, on text characters: the probe takes the column's kind.
  return {
    sql: `EXISTS (SELECT 1 FROM events e WHERE e.id = runs.event_id AND instr(${raw}, ?) > 0 AND ${exact})`,
    args: [m.part === 'body' ? Buffer.from(probe) : probe, path, path, m.value],
  };
}
