import type { Db } from './database.js';
import { readJson, writeJson } from './json-column.js';
import type { RunStatus, StepError } from '../../../shared/runs/run-status.js';
import type { RunFilter, RunLineage, RunRow, RunSearchPage, TriggerValueMatch } from '../../engine/records.js';
import { triggerValueCondition } from './trigger-value-sql.js';
import { declareSearchPaths, searchDeclaredPath } from './search-path-index.js';

interface RawRun {
  id: string;
  workflow_id: string;
  version: number;
  event_id: string;
  status: RunStatus;
  replay_of: string | null;
  error: string | null;
  wake_at: number | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  parent_run_id: string | null;
  parent_node_id: string | null;
  parent_waits: number;
  depth: number;
  error_of: string | null;
}

const toRow = (r: RawRun): RunRow => ({
  id: r.id,
  workflowId: r.workflow_id,
  version: r.version,
  eventId: r.event_id,
  status: r.status,
  replayOf: r.replay_of,
  error: readJson(r.error, 'runs', r.id) as StepError | undefined,
  wakeAt: r.wake_at,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  parentRunId: r.parent_run_id,
  parentNodeId: r.parent_node_id,
  parentWaits: r.parent_waits === 1,
  depth: r.depth,
  errorOf: r.error_of,
});

/** The WHERE clause of a run listing and its parameters; the error code reads the runs_error_cause index. */
function listWhere(f: Omit<RunFilter, 'limit'>): { sql: string; args: Array<string | number | Buffer> } {
  const where: string[] = [];
  const args: Array<string | number | Buffer> = [];
  const add = (sql: string, ...values: Array<string | number | Buffer>) => {
    where.push(sql);
    args.push(...values);
  };
  if (f.workflowId) add('workflow_id = ?', f.workflowId);
  if (f.status) add('status = ?', f.status);
  if (f.from !== undefined) add('created_at >= ?', f.from);
  if (f.to !== undefined) add('created_at < ?', f.to);
  if (f.errorCode) add("error IS NOT NULL AND json_extract(error, '$.cause') = ?", f.errorCode);
  // events_dedupe_key finds the events, runs_event their runs (a replay shares its event).
  if (f.dedupeKey !== undefined) add('event_id IN (SELECT id FROM events WHERE dedupe_key = ?)', f.dedupeKey);
  if (f.where) {
    const value = triggerValueCondition(f.where);
    add(value.sql, ...value.args);
  }
  // `created_at <= ?` on its own is what lets SQLite seek the index to the cursor (a bare OR scans from the newest).
  if (f.before) add('created_at <= ? AND (created_at < ? OR id < ?)', f.before.createdAt, f.before.createdAt, f.before.id);
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

/** Runs and their status transitions; every transition is one guarded write. */
export function createRunRepo(db: Db) {
  const s = {
    insert: db.prepare(
      `INSERT INTO runs (id, workflow_id, version, event_id, status, replay_of, created_at, parent_run_id, parent_node_id, parent_waits, depth, error_of)
       VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)`,
    ),
    get: db.prepare('SELECT * FROM runs WHERE id = ?'),
    start: db.prepare(`UPDATE runs SET status = 'running', wake_at = NULL, started_at = COALESCE(started_at, ?) WHERE id = ? AND status IN ('queued', 'waiting', 'running')`),
    wait: db.prepare(`UPDATE runs SET status = 'waiting', wake_at = ? WHERE id = ? AND status IN ('queued', 'running', 'waiting')`),
    finish: db.prepare(`UPDATE runs SET status = ?, error = ?, wake_at = NULL, finished_at = ? WHERE id = ? AND status NOT IN ('succeeded', 'failed', 'cancelled')`),
    cancel: db.prepare(`UPDATE runs SET status = 'cancelled', wake_at = NULL, finished_at = ?, error = ? WHERE id = ? AND status IN ('queued', 'running', 'waiting')`),
    // A cancelled run's steps wait for nothing any more: an attempt parked for a retry or a delay
    // ends as cancelled, so no view shows "Retrying" on a run that will never retry.
    cancelSteps: db.prepare(`UPDATE steps SET status = 'cancelled', next_attempt_at = NULL, finished_at = COALESCE(finished_at, ?) WHERE run_id = ? AND status IN ('retrying', 'waiting')`),
    unfinishedFromPath: db.prepare(
      `SELECT r.id FROM runs r JOIN events e ON e.id = r.event_id
       WHERE r.workflow_id = ? AND r.status IN ('queued', 'running', 'waiting') AND e.path = ? ORDER BY r.created_at`,
    ),
    status: db.prepare('SELECT status FROM runs WHERE id = ?'),
    countSince: db.prepare('SELECT count(*) AS n FROM runs WHERE workflow_id = ? AND created_at >= ?'),
    latest: db.prepare('SELECT * FROM runs WHERE workflow_id = ? ORDER BY created_at DESC, id DESC LIMIT 1'),
    waitedChildren: db.prepare(`SELECT id FROM runs WHERE parent_run_id = ? AND parent_waits = 1 AND status IN ('queued', 'running', 'waiting')`),
    // A waiting step whose child ended after the step parked (or re-parked) has news: make it
    // due now. Children that ended before the step started were seen by that attempt already.
    wakeParentSteps: db.prepare(
      `UPDATE steps SET next_attempt_at = @now
       WHERE run_id = @runId AND status = 'waiting' AND next_attempt_at > @now
         AND EXISTS (SELECT 1 FROM runs c WHERE c.parent_run_id = steps.run_id AND c.parent_node_id = steps.node_id
                     AND c.parent_waits = 1 AND c.finished_at IS NOT NULL AND c.finished_at >= steps.started_at)`,
    ),
  };
  return {
    insert(r: { id: string; workflowId: string; version: number; eventId: string; replayOf: string | null; createdAt: number } & RunLineage): void {
      const p = r.parent;
      s.insert.run(r.id, r.workflowId, r.version, r.eventId, r.replayOf, r.createdAt, p?.runId ?? null, p?.nodeId ?? null, p?.waits ? 1 : 0, r.depth ?? 0, r.errorOf ?? null);
    },
    get(id: string): RunRow | undefined {
      const r = s.get.get(id) as RawRun | undefined;
      return r && toRow(r);
    },
    markRunning: (id: string, now: number) => s.start.run(now, id).changes === 1,
    markWaiting: (id: string, wakeAt: number) => s.wait.run(wakeAt, id).changes === 1,
    finish: (id: string, status: 'succeeded' | 'failed' | 'cancelled', error: StepError | undefined, now: number) => s.finish.run(status, writeJson(error), now, id).changes === 1,
    /** Cancels an unfinished run and its parked steps; false when it had already ended. */
    cancel: (id: string, reason: StepError, now: number) => {
      if (s.cancel.run(now, writeJson(reason), id).changes !== 1) return false;
      s.cancelSteps.run(now, id);
      return true;
    },
    /** Unfinished runs of a workflow whose event came in on `path` ('/test-run': the editor's test runs). */
    unfinishedFromPath: (workflowId: string, path: string) => (s.unfinishedFromPath.all(workflowId, path) as Array<{ id: string }>).map((r) => r.id),
    statusOf: (id: string) => (s.status.get(id) as { status: RunStatus } | undefined)?.status,
    /** Unfinished children whose parent step waits for them. */
    waitedChildren: (runId: string) => (s.waitedChildren.all(runId) as Array<{ id: string }>).map((r) => r.id),
    /** Makes the waiting steps of `runId` due now when a child they wait for has ended since; returns how many. */
    wakeParentSteps: (runId: string, now: number) => s.wakeParentSteps.run({ runId, now }).changes,
    countSince: (workflowId: string, since: number) => (s.countSince.get(workflowId, since) as { n: number }).n,
    latest(workflowId: string): RunRow | undefined {
      const r = s.latest.get(workflowId) as RawRun | undefined;
      return r && toRow(r);
    },
    /** Newest first, keyset-paginated on (created_at, id). */
    list(f: RunFilter): RunRow[] {
      const { sql, args } = listWhere(f);
      return (db.prepare(`SELECT * FROM runs ${sql} ORDER BY created_at DESC, id DESC LIMIT ?`).all(...args, f.limit) as RawRun[]).map(toRow);
    },
    /**
     * A trigger-value search over a window: the newest `examineAtMost` runs of the other filters
     * (read through their indexes), then the value test on each window run's event.
     */
    search(f: RunFilter & { where: TriggerValueMatch }, examineAtMost: number): RunSearchPage {
      const { where: match, limit, ...rest } = f;
      const { sql, args } = listWhere(rest);
      const declared = searchDeclaredPath<RawRun>(db, f, { sql, args });
      if (declared) return { rows: declared.map(toRow), examinedTo: null };
      const value = triggerValueCondition(match);
      const rows = db
        .prepare(`SELECT * FROM (SELECT * FROM runs ${sql} ORDER BY created_at DESC, id DESC LIMIT ?) AS runs WHERE ${value.sql} ORDER BY created_at DESC, id DESC LIMIT ?`)
        .all(...args, examineAtMost, ...value.args, limit) as RawRun[];
      if (rows.length >= limit) return { rows: rows.map(toRow), examinedTo: null };
      const edge = db.prepare(`SELECT created_at, id FROM runs ${sql} ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?`).get(...args, examineAtMost - 1) as
        { created_at: number; id: string } | undefined;
      return { rows: rows.map(toRow), examinedTo: edge ? { createdAt: edge.created_at, id: edge.id } : null };
    },
    /** The workflow's searchable body paths (its settings.searchPaths), as indexes. */
    declareSearchPaths: (workflowId: string, paths: ReadonlyArray<readonly (string | number)[]>) => declareSearchPaths(db, workflowId, paths),
  };
}
export type RunRepo = ReturnType<typeof createRunRepo>;
