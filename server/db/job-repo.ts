import type { Db } from './database.js';

/** The closed set of job states. */
export const jobStatuses = ['queued', 'running', 'retry_wait', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** A job a worker holds under a lease. */
export interface ClaimedJob {
  runId: string;
  workflowId: string;
  /** How many times the job was claimed, this one included (more than 1 after a crash or a wait). */
  claims: number;
}

/**
 * The run queue's table. Every transition is one guarded UPDATE: a worker only moves a job
 * it holds (`lease_owner`), and a job only leaves `running` once.
 */
export function createJobRepo(db: Db) {
  const s = {
    insert: db.prepare(
      `INSERT INTO jobs (run_id, workflow_id, status, run_at, concurrency, updated_at) VALUES (?, ?, 'queued', ?, ?, ?)`,
    ),
    claimOne: db.prepare(
      `UPDATE jobs SET status = 'running', lease_owner = @owner, lease_expires_at = @until, claims = claims + 1, updated_at = @now
       WHERE run_id = (
         SELECT j.run_id FROM jobs j
         WHERE j.status IN ('queued', 'retry_wait') AND j.run_at <= @now
           AND (SELECT count(*) FROM jobs r WHERE r.workflow_id = j.workflow_id AND r.status = 'running') < j.concurrency
         ORDER BY j.run_at LIMIT 1)
       RETURNING run_id AS runId, workflow_id AS workflowId, claims`,
    ),
    heartbeat: db.prepare(`UPDATE jobs SET lease_expires_at = ? WHERE run_id = ? AND lease_owner = ? AND status = 'running'`),
    reschedule: db.prepare(
      `UPDATE jobs SET status = ?, run_at = ?, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
       WHERE run_id = ? AND lease_owner = ? AND status = 'running'`,
    ),
    complete: db.prepare(
      `UPDATE jobs SET status = ?, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
       WHERE run_id = ? AND lease_owner = ? AND status = 'running'`,
    ),
    cancelIdle: db.prepare(
      `UPDATE jobs SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, updated_at = ? WHERE run_id = ? AND status IN ('queued', 'retry_wait')`,
    ),
    releaseOwner: db.prepare(
      `UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = ? WHERE lease_owner = ? AND status = 'running'`,
    ),
    reclaimExpired: db.prepare(
      `UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = ? WHERE status = 'running' AND lease_expires_at < ?`,
    ),
    reclaimOthers: db.prepare(
      `UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = ? WHERE status = 'running' AND lease_owner IS NOT ?`,
    ),
    nextRunAt: db.prepare(`SELECT min(run_at) AS at FROM jobs WHERE status IN ('queued', 'retry_wait')`),
    depth: db.prepare(`SELECT status, count(*) AS n, min(run_at) AS oldest FROM jobs WHERE status IN ('queued', 'running', 'retry_wait') GROUP BY status`),
  };
  return {
    insert: (runId: string, workflowId: string, runAt: number, concurrency: number, now: number) =>
      void s.insert.run(runId, workflowId, runAt, concurrency, now),
    /** Claims up to `limit` due jobs, one guarded UPDATE each, honouring each workflow's concurrency. */
    claim(owner: string, now: number, leaseMs: number, limit: number): ClaimedJob[] {
      const claimed: ClaimedJob[] = [];
      for (let i = 0; i < limit; i++) {
        const job = s.claimOne.get({ owner, now, until: now + leaseMs }) as ClaimedJob | undefined;
        if (!job) break;
        claimed.push(job);
      }
      return claimed;
    },
    heartbeat: (runId: string, owner: string, until: number) => s.heartbeat.run(until, runId, owner).changes === 1,
    reschedule: (runId: string, owner: string, status: 'queued' | 'retry_wait', runAt: number, now: number) =>
      s.reschedule.run(status, runAt, now, runId, owner).changes === 1,
    complete: (runId: string, owner: string, status: 'succeeded' | 'failed' | 'cancelled', now: number) =>
      s.complete.run(status, now, runId, owner).changes === 1,
    /** Cancels a job no worker holds; a held one is ended by its worker, which sees the run cancelled. */
    cancelIdle: (runId: string, now: number) => s.cancelIdle.run(now, runId).changes === 1,
    /** Hands back every job this owner holds (graceful shutdown). */
    releaseOwner: (owner: string, now: number) => s.releaseOwner.run(now, owner).changes,
    /** Re-queues jobs whose lease ran out: their worker died. */
    reclaimExpired: (now: number) => s.reclaimExpired.run(now, now).changes,
    /** Re-queues jobs held by anyone but `owner`: at start, when this process owns the database alone. */
    reclaimOthers: (owner: string, now: number) => s.reclaimOthers.run(now, owner).changes,
    /** When the next waiting job is due, if any. */
    nextRunAt: () => (s.nextRunAt.get() as { at: number | null }).at,
    depth: () => s.depth.all() as Array<{ status: JobStatus; n: number; oldest: number }>,
  };
}
export type JobRepo = ReturnType<typeof createJobRepo>;
