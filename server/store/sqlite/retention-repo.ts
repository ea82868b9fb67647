import type { ExpiryLimits, SweptBatch } from '../ports/retention.js';
import type { Db } from './database.js';

/** A finished run chosen for deletion, with the event it points at. */
export interface ExpiredRun {
  id: string;
  eventId: string;
}

/**
 * The queries of the retention sweeper. Deleting a run deletes its steps and its job (foreign
 * keys cascade); its event is deleted only once no run (a replay, say) refers to it.
 */
export function createRetentionRepo(db: Db) {
  const s = {
    // Workflow ids that have runs, by hopping through runs_workflow_created (one seek each).
    workflows: db.prepare(
      `WITH RECURSIVE w(id) AS (
         SELECT (SELECT min(workflow_id) FROM runs)
         UNION ALL
         SELECT (SELECT min(workflow_id) FROM runs WHERE workflow_id > w.id) FROM w WHERE w.id IS NOT NULL)
       SELECT id FROM w WHERE id IS NOT NULL`,
    ),
    // created_at bounds the index range; finished_at (never earlier) decides.
    olderThan: db.prepare(
      `SELECT id, event_id AS eventId FROM runs INDEXED BY runs_workflow_created
       WHERE workflow_id = @workflowId AND created_at < @before AND finished_at < @before AND status IN (SELECT value FROM json_each(@statuses))
       LIMIT @limit`,
    ),
    beyondNewest: db.prepare(
      `SELECT id, event_id AS eventId FROM runs INDEXED BY runs_workflow_created
       WHERE workflow_id = @workflowId AND status IN (SELECT value FROM json_each(@statuses))
       ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @keep`,
    ),
    deleteRun: db.prepare(`DELETE FROM runs WHERE id = ? AND status IN ('succeeded', 'failed', 'cancelled')`),
    deleteEvent: db.prepare('DELETE FROM events WHERE id = ? AND NOT EXISTS (SELECT 1 FROM runs WHERE event_id = ?)'),
  };
  const ops = {
    /** Every workflow id that has runs (deleted workflows included). */
    workflowIds: () => (s.workflows.all() as Array<{ id: string }>).map((r) => r.id),
    /** Up to `limit` finished runs with these statuses that finished before `before`. */
    finishedBefore: (workflowId: string, statuses: readonly string[], before: number, limit: number) =>
      s.olderThan.all({ workflowId, statuses: JSON.stringify(statuses), before, limit }) as ExpiredRun[],
    /** Up to `limit` runs with these statuses beyond the newest `keep`. */
    beyondNewest: (workflowId: string, statuses: readonly string[], keep: number, limit: number) => s.beyondNewest.all({ workflowId, statuses: JSON.stringify(statuses), keep, limit }) as ExpiredRun[],
    /** Deletes runs (never an unfinished one) and then the events no run refers to any more. */
    deleteRuns(runs: readonly ExpiredRun[]): { runs: number; events: number } {
      let deletedRuns = 0;
      let deletedEvents = 0;
      for (const r of runs) deletedRuns += s.deleteRun.run(r.id).changes;
      for (const eventId of new Set(runs.map((r) => r.eventId))) deletedEvents += s.deleteEvent.run(eventId, eventId).changes;
      return { runs: deletedRuns, events: deletedEvents };
    },
  };
  return {
    ...ops,
    /** One batch of the sweep: selects by either limit and deletes what it selected (call inside a transaction). */
    deleteExpired(workflowId: string, statuses: readonly string[], limits: ExpiryLimits, limit: number): SweptBatch {
      const expired = [
        ...(limits.finishedBefore === null ? [] : ops.finishedBefore(workflowId, statuses, limits.finishedBefore, limit)),
        ...(limits.keep === null ? [] : ops.beyondNewest(workflowId, statuses, limits.keep, limit)),
      ];
      return { found: expired.length, ...ops.deleteRuns(expired) };
    },
  };
}
export type RetentionRepo = ReturnType<typeof createRetentionRepo>;
