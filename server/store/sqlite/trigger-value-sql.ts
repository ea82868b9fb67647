import type { TriggerValueMatch } from '../../engine/records.js';

/** `['data', 'items', 0, 'id']` as an SQLite JSON path: `$."data"."items"[0]."id"` (keys quoted, so any key works). */
export function jsonPathOf(path: ReadonlyArray<string | number>): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `."${p.replace(/"/g, '')}"`)).join('')}`;
}

/**
 * The SQL condition (on `runs`) that its event holds `value` at a JSON path of the trigger part,
 * with three parameters: the path twice, then the value. The raw body is bytes: read as text,
 * and only when it is valid JSON (a form post or a bad body simply does not match). JSON true,
 * false and null compare as those words, numbers as their text, so `id=42` finds `{"id": 42}`.
 */
export function triggerValueCondition(m: TriggerValueMatch): string {
  const doc = m.part === 'body' ? 'CAST(e.body AS TEXT)' : `e.${m.part}`;
  return `EXISTS (SELECT 1 FROM events e WHERE e.id = runs.event_id AND (CASE WHEN json_valid(${doc}) THEN
    CASE json_type(${doc}, ?) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN 'null' ELSE CAST(json_extract(${doc}, ?) AS TEXT) END
  END) = ?)`;
}
