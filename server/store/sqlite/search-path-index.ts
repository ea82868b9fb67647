import { createHash } from 'node:crypto';
import type { Db } from './database.js';
import type { RunFilter, TriggerValueMatch } from '../../engine/records.js';
import { jsonPathOf, jsonValueText } from './trigger-value-sql.js';

/*
 * Searchable paths a workflow declares (`settings.searchPaths`): for each, a partial expression
 * index on `events`, limited to that workflow's events, over the very expression the `where`
 * search reads a body value with. A search of that workflow by that path then seeks the index
 * instead of examining a window of runs. Only that workflow's events pay for it at ingest.
 */

/** SQL text literal: the ids and paths are checked before they get here; quoting keeps it SQL whatever they hold. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const short = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** Every index of one workflow starts with this; the name of one path adds the path's hash. */
const prefixOf = (workflowId: string) => `run_search_${short(workflowId)}_`;
const indexName = (workflowId: string, path: readonly (string | number)[]) => `${prefixOf(workflowId)}${short(jsonPathOf([...path]))}`;

/** The indexed expression, and the partial index's condition, spelled the same in the index and the query. */
const valueOf = (column: string, path: readonly (string | number)[]) => jsonValueText(`CAST(${column} AS TEXT)`, literal(jsonPathOf([...path])));
const ofWorkflow = (column: string, workflowId: string) => `${column} = ${literal(workflowId)}`;

/** The names of the search indexes one workflow has now. */
function indexesOf(db: Db, workflowId: string): string[] {
  const prefix = prefixOf(workflowId);
  const rows = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND substr(name, 1, ?) = ?`).all(prefix.length, prefix) as Array<{ name: string }>;
  return rows.map((r) => r.name);
}

/** Makes the workflow's search indexes exactly those of `paths` (body paths): creates the new ones, drops the rest. */
export function declareSearchPaths(db: Db, workflowId: string, paths: ReadonlyArray<readonly (string | number)[]>): void {
  const wanted = new Map(paths.map((p) => [indexName(workflowId, p), p]));
  for (const name of indexesOf(db, workflowId)) if (!wanted.has(name)) db.exec(`DROP INDEX IF EXISTS "${name}"`);
  for (const [name, path] of wanted) db.exec(`CREATE INDEX IF NOT EXISTS "${name}" ON events (${valueOf('body', path)}) WHERE ${ofWorkflow('workflow_id', workflowId)}`);
}

/** Whether the workflow has an index for this body path. */
function isIndexed(db: Db, workflowId: string, path: readonly (string | number)[]): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`).get(indexName(workflowId, path)) !== undefined;
}

/**
 * The query of a search by a declared body path, complete: the index gives the matching events,
 * then their runs (through runs_event) pass the other filters (`others`, on runs).
 */
export function declaredPathQuery(workflowId: string, match: TriggerValueMatch, others: { sql: string; args: Array<string | number | Buffer> }, limit: number) {
  const matching = `SELECT e.id AS matched_event FROM events e WHERE ${ofWorkflow('e.workflow_id', workflowId)} AND ${valueOf('e.body', match.path)} = ?`;
  // CROSS JOIN keeps the matches outermost: the planner must not walk every run of the workflow instead.
  const filters = others.sql ? `${others.sql} AND` : 'WHERE';
  return {
    sql: `SELECT runs.* FROM (${matching}) AS m CROSS JOIN runs ${filters} runs.event_id = m.matched_event ORDER BY created_at DESC, id DESC LIMIT ?`,
    args: [match.value, ...others.args, limit],
  };
}

/**
 * A search by a declared body path of one workflow, complete in one call. Undefined when the
 * search has no workflow or the path is not declared: the caller examines its window.
 */
export function searchDeclaredPath<Raw>(db: Db, f: RunFilter & { where: TriggerValueMatch }, others: { sql: string; args: Array<string | number | Buffer> }): Raw[] | undefined {
  const { where: match, workflowId } = f;
  if (!workflowId || match.part !== 'body' || !isIndexed(db, workflowId, match.path)) return undefined;
  const q = declaredPathQuery(workflowId, match, others, f.limit);
  return db.prepare(q.sql).all(...q.args) as Raw[];
}
