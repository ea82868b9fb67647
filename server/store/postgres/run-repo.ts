import type { Sql } from './sql.js';
import { readJson, writeJson } from '../json-column.js';
import type { RunStatus, StepError } from '../../../shared/runs/run-status.js';
import type { RunFilter, RunLineage, RunRow, TriggerValueMatch } from '../../engine/records.js';

export type RawRun = Omit<RunRow, 'error'> & { error: string | null };

export const cols = `id, workflow_id AS "workflowId", version, event_id AS "eventId", status, replay_of AS "replayOf", error, wake_at AS "wakeAt",
  created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt", parent_run_id AS "parentRunId",
  parent_node_id AS "parentNodeId", parent_waits AS "parentWaits", depth, error_of AS "errorOf"`;
export const toRow = (r: RawRun): RunRow => ({ ...r, error: readJson(r.error, 'runs', r.id) as StepError | undefined });
const UNFINISHED = `('queued', 'running', 'waiting')`;
// The namespace of the parent-run locks (pg_advisory_xact_lock(namespace, hash)); see lockAsParent.
const PARENT_LOCK = 0x5359_5052; // 'SYPR'

/**
 * The test that event `e` holds the value at the path of its trigger part, its parameters
 * appended to `args`. JSON true, false and null compare as those words, numbers as their text
 * (as on SQLite).
 */
export function triggerValueExact(m: TriggerValueMatch, args: unknown[]): string {
  const doc = `sy_try_jsonb(${m.part === 'body' ? 'e.body' : `convert_to(e.${m.part}, 'UTF8')`})`;
  args.push(m.path.map(String), m.value);
  const [path, value] = [args.length - 1, args.length];
  return `(CASE jsonb_typeof(${doc} #> $${path}::text[]) WHEN 'null' THEN 'null' ELSE ${doc} #>> $${path}::text[] END) = $${value}`;
}

/** The WHERE clause and parameters of a run listing. */
export function listWhere(f: Omit<RunFilter, 'limit'>): { where: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    args.push(value);
    parts.push(sql(args.length));
  };
  if (f.workflowId) add((n) => `workflow_id = $${n}`, f.workflowId);
  if (f.status) add((n) => `status = $${n}`, f.status);
  if (f.from !== undefined) add((n) => `created_at >= $${n}`, f.from);
  if (f.to !== undefined) add((n) => `created_at < $${n}`, f.to);
  // runs_error_cause (and runs_error_cause_status, with a status) index this expression for the
  // rows with an error; the planner infers `error IS NOT NULL` from it. Spelled out, that clause
  // made it estimate a status and a code together as ~50 times rarer than they are, and combine
  // two bitmaps and sort every match instead of reading the newest in order (issue 17).
  if (f.errorCode) add((n) => `(error::jsonb ->> 'cause') = $${n}`, f.errorCode);
  if (f.dedupeKey !== undefined) add((n) => `event_id IN (SELECT id FROM events WHERE dedupe_key = $${n})`, f.dedupeKey);
  if (f.where) parts.push(`EXISTS (SELECT 1 FROM events e WHERE e.id = runs.event_id AND ${triggerValueExact(f.where, args)})`);
  if (f.before) {
    args.push(f.before.createdAt, f.before.id);
    parts.push(`(created_at, id) < ($${args.length - 1}, $${args.length})`);
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
}

/** Runs and their status transitions; every transition is one guarded UPDATE. */
export const postgresRuns = {
  async insert(q: Sql, r: { id: string; workflowId: string; version: number; eventId: string; replayOf: string | null; createdAt: number } & RunLineage): Promise<void> {
    const p = r.parent;
    await q.run(
      `INSERT INTO runs (id, workflow_id, version, event_id, status, replay_of, created_at, parent_run_id, parent_node_id, parent_waits, depth, error_of)
       VALUES ($1, $2, $3, $4, 'queued', $5, $6, $7, $8, $9, $10, $11)`,
      [r.id, r.workflowId, r.version, r.eventId, r.replayOf, r.createdAt, p?.runId ?? null, p?.nodeId ?? null, p?.waits ?? false, r.depth ?? 0, r.errorOf ?? null],
    );
  },
  get: async (q: Sql, id: string) => {
    const r = await q.one<RawRun>(`SELECT ${cols} FROM runs WHERE id = $1`, [id]);
    return r && toRow(r);
  },
  /** queued|waiting|running -> running for these runs (a claim); returns how many moved. */
  markRunning: (q: Sql, ids: readonly string[], now: number) =>
    q.run(`UPDATE runs SET status = 'running', wake_at = NULL, started_at = COALESCE(started_at, $1) WHERE id = ANY($2) AND status IN ${UNFINISHED}`, [now, ids]),
  markWaiting: async (q: Sql, id: string, wakeAt: number) => (await q.run(`UPDATE runs SET status = 'waiting', wake_at = $1 WHERE id = $2 AND status IN ${UNFINISHED}`, [wakeAt, id])) === 1,
  finish: async (q: Sql, id: string, status: 'succeeded' | 'failed' | 'cancelled', error: StepError | undefined, now: number) =>
    (await q.run(`UPDATE runs SET status = $1, error = $2, wake_at = NULL, finished_at = $3 WHERE id = $4 AND status IN ${UNFINISHED}`, [status, writeJson(error), now, id])) === 1,
  /** Cancels an unfinished run and its parked steps (two statements: inside a transaction); false when it had already ended. */
  async cancel(q: Sql, id: string, reason: StepError, now: number): Promise<boolean> {
    const n = await q.run(`UPDATE runs SET status = 'cancelled', wake_at = NULL, finished_at = $1, error = $2 WHERE id = $3 AND status IN ${UNFINISHED}`, [now, writeJson(reason), id]);
    if (n !== 1) return false;
    // A cancelled run's steps wait for nothing any more (see the SQLite repository).
    await q.run(`UPDATE steps SET status = 'cancelled', next_attempt_at = NULL, finished_at = COALESCE(finished_at, $1) WHERE run_id = $2 AND status IN ('retrying', 'waiting')`, [now, id]);
    return true;
  },
  unfinishedFromPath: async (q: Sql, workflowId: string, path: string) =>
    (
      await q.rows<{ id: string }>(`SELECT r.id FROM runs r JOIN events e ON e.id = r.event_id WHERE r.workflow_id = $1 AND r.status IN ${UNFINISHED} AND e.path = $2 ORDER BY r.created_at`, [
        workflowId,
        path,
      ])
    ).map((r) => r.id),
  statusOf: async (q: Sql, id: string) => (await q.one<{ status: RunStatus }>('SELECT status FROM runs WHERE id = $1', [id]))?.status,
  waitedChildren: async (q: Sql, runId: string) =>
    (await q.rows<{ id: string }>(`SELECT id FROM runs WHERE parent_run_id = $1 AND parent_waits AND status IN ${UNFINISHED}`, [runId])).map((r) => r.id),
  /**
   * RunPort.lockAsParent: a transaction-scoped advisory lock on the parent run. In READ
   * COMMITTED, a parent's park and a child's end that overlap would each read before the other
   * committed (the park finds no ended child, the end finds no waiting step) and the parent
   * would sleep until its timeout; under this lock the second one reads after the first commits.
   */
  lockAsParent: async (q: Sql, runId: string) => void (await q.run('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PARENT_LOCK, runId])),
  /** Makes the waiting steps of `runId` due now when a child they wait for has ended since they parked. */
  wakeParentSteps: (q: Sql, runId: string, now: number) =>
    q.run(
      `UPDATE steps SET next_attempt_at = $1
       WHERE run_id = $2 AND status = 'waiting' AND next_attempt_at > $1
         AND EXISTS (SELECT 1 FROM runs c WHERE c.parent_run_id = steps.run_id AND c.parent_node_id = steps.node_id
                     AND c.parent_waits AND c.finished_at IS NOT NULL AND c.finished_at >= steps.started_at)`,
      [now, runId],
    ),
  countSince: async (q: Sql, workflowId: string, since: number) =>
    (await q.one<{ n: number }>('SELECT count(*) AS n FROM runs WHERE workflow_id = $1 AND created_at >= $2', [workflowId, since]))?.n ?? 0,
  latest: async (q: Sql, workflowId: string) => {
    const r = await q.one<RawRun>(`SELECT ${cols} FROM runs WHERE workflow_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`, [workflowId]);
    return r && toRow(r);
  },
  /** Newest first, keyset-paginated on (created_at, id). */
  async list(q: Sql, f: RunFilter): Promise<RunRow[]> {
    const { where, args } = listWhere(f);
    const rows = await q.rows<RawRun>(`SELECT ${cols} FROM runs ${where} ORDER BY created_at DESC, id DESC LIMIT $${args.length + 1}`, [...args, f.limit]);
    return rows.map(toRow);
  },
};
