import type { WorkflowQueueCount } from '../ports/stats.js';
import type { Db } from './database.js';

/** One workflow's unfinished runs in one state (the port's record). */
export type WorkflowQueueRow = WorkflowQueueCount;

/**
 * Counts for metrics and queue visibility. Each reads through an index over unfinished
 * rows only (jobs_active, runs_status_created), so the cost follows the backlog, not the history.
 */
export function createQueueStatsRepo(db: Db) {
  const s = {
    due: db.prepare(`SELECT count(*) AS n, min(run_at) AS oldest FROM jobs WHERE status IN ('queued', 'running', 'retry_wait') AND status IN ('queued', 'retry_wait') AND run_at <= ?`),
    activeRuns: db.prepare(`SELECT status, count(*) AS n FROM runs WHERE status IN ('queued', 'running', 'waiting') GROUP BY status`),
    // A waiting run is "retrying" when some step's latest attempt (in its frame) failed and is scheduled again.
    perWorkflow: db.prepare(
      `SELECT workflow_id AS workflowId,
              CASE WHEN status = 'waiting' AND EXISTS (
                     SELECT 1 FROM steps s WHERE s.run_id = r.id AND s.status = 'retrying'
                       AND NOT EXISTS (SELECT 1 FROM steps l WHERE l.run_id = s.run_id AND l.frame = s.frame AND l.node_id = s.node_id AND l.attempt > s.attempt))
                   THEN 'retrying' ELSE status END AS state,
              count(*) AS n, min(created_at) AS oldestAt
       FROM runs r WHERE status IN ('queued', 'running', 'waiting')
       GROUP BY workflowId, state`,
    ),
  };
  return {
    /** Jobs due at `now` that no worker holds, and when the oldest of them became due. */
    due: (now: number) => {
      const r = s.due.get(now) as { n: number; oldest: number | null };
      return { n: r.n, oldestAt: r.oldest };
    },
    activeRuns: () => s.activeRuns.all() as Array<{ status: string; n: number }>,
    perWorkflow: () => s.perWorkflow.all() as WorkflowQueueRow[],
  };
}
export type QueueStatsRepo = ReturnType<typeof createQueueStatsRepo>;
