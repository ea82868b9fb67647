import { AppError } from '../../shared/errors.js';
import type { TriggerValueMatch } from '../engine/records.js';

const SEGMENT = /^([A-Za-z0-9_$-]+)((?:\[\d{1,6}\])*)$/;
const PARTS = ['body', 'query', 'headers'] as const;

const refuse = (why: string) =>
  new AppError('BAD_REQUEST', 400, `where must look like trigger.body.data.object.id=pi_123 (a path into the trigger's body, query or headers, "=", then the value): ${why}`);

/**
 * Reads `where=<path>=<value>` of the runs search: the path starts at `trigger.body`,
 * `trigger.query` or `trigger.headers`, goes on by dots and `[n]` indexes; the value is the
 * rest after the first `=` (it may contain `=`). Header names are matched in lower case, as stored.
 */
export function parseTriggerWhere(text: string): TriggerValueMatch {
  const eq = text.indexOf('=');
  if (eq < 0) throw refuse('there is no "=".');
  const [root, part, ...rest] = text.slice(0, eq).trim().split('.');
  const value = text.slice(eq + 1).trim();
  if (root !== 'trigger' || !PARTS.includes(part as (typeof PARTS)[number])) throw refuse('the path must start with trigger.body, trigger.query or trigger.headers.');
  if (rest.length === 0) throw refuse('name a field inside the trigger part.');
  const path: Array<string | number> = [];
  for (const segment of rest) {
    const m = SEGMENT.exec(segment);
    if (!m?.[1]) throw refuse(`"${segment}" is not a field name (letters, digits, _, $ and -, optionally followed by [n]).`);
    path.push(part === 'headers' ? m[1].toLowerCase() : m[1]);
    for (const index of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return { part: part as TriggerValueMatch['part'], path, value };
}

/** A workflow's declared search paths (`settings.searchPaths`, checked by the schema) as body paths for the store. */
export function searchPathsOf(settings: { searchPaths?: readonly string[] }): Array<Array<string | number>> {
  return (settings.searchPaths ?? []).map((p) => parseTriggerWhere(`${p}=`).path);
}
