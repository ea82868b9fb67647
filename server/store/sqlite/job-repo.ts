import type { Db } from './database.js';
import type { ClaimedJob, JobStatus, Lease } from '../../engine/records.js';
import { claimOrder } from '../../engine/claim-order.js';

/**
 * The run queue's table. Every transition is one guarded UPDATE: a worker only moves a job
 * it holds (`lease_owner` and the claim number `claims`, the fencing token), and a job only
 * leaves `running` once.
 */
/** A due job found by a claim; `parked` when it waited for a time (retry_wait), not fresh. */
interface DueJob {
  runId: string;
  runAt: number;
  concurrency: number;
  parked?: boolean;
}

export function createJobRepo(db: Db) {
  // Statements that look jobs up by status say `status IN ('queued', 'running', 'retry_wait')`
  // first: the status index holds unfinished jobs only (jobs_active, migration 022), and SQLite
  // reads a partial index only for a statement that repeats its WHERE.
  const s = {
    insert: db.prepare(`INSERT INTO jobs (run_id, workflow_id, status, run_at, concurrency, updated_at) VALUES (?, ?, 'queued', ?, ?, ?)`),
    runningByWorkflow: db.prepare(`SELECT workflow_id AS workflowId, count(*) AS n FROM jobs WHERE status IN ('queued', 'running', 'retry_wait') AND status = 'running' GROUP BY workflow_id`),
    // Workflows with waiting jobs, found by hopping through the index (a skip scan): one seek
    // per workflow instead of a walk over every waiting job.
    waitingWorkflows: db.prepare(
      `WITH RECURSIVE w(id) AS (
         SELECT (SELECT min(workflow_id) FROM jobs INDEXED BY jobs_due WHERE status IN ('queued', 'retry_wait'))
         UNION ALL
         SELECT (SELECT min(workflow_id) FROM jobs INDEXED BY jobs_due WHERE status IN ('queued', 'retry_wait') AND workflow_id > w.id)
         FROM w WHERE w.id IS NOT NULL)
       SELECT id AS workflowId FROM w WHERE id IS NOT NULL`,
    ),
    parkedDueOf: db.prepare(
      `SELECT run_id AS runId, run_at AS runAt, concurrency FROM jobs INDEXED BY jobs_parked
       WHERE workflow_id = ? AND status = 'retry_wait' AND run_at <= ? ORDER BY run_at LIMIT ?`,
    ),
    // The IN term names jobs_due's own condition: SQLite uses a partial index only for a query
    // that repeats it, and `status = 'queued'` alone does not.
    queuedDueOf: db.prepare(
      `SELECT run_id AS runId, run_at AS runAt, concurrency FROM jobs INDEXED BY jobs_due
       WHERE workflow_id = ? AND status IN ('queued', 'retry_wait') AND status = 'queued' AND run_at <= ? ORDER BY run_at LIMIT ?`,
    ),
    take: db.prepare(
      `UPDATE jobs SET status = 'running', lease_owner = @owner, lease_expires_at = @until, claims = claims + 1, updated_at = @now
       WHERE run_id = @runId AND status IN ('queued', 'retry_wait')
       RETURNING run_id AS runId, workflow_id AS workflowId, claims`,
    ),
    heartbeat: db.prepare(`UPDATE jobs SET lease_expires_at = ? WHERE run_id = ? AND lease_owner = ? AND claims = ? AND status = 'running'`),
    reschedule: db.prepare(
      `UPDATE jobs SET status = ?, run_at = ?, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
       WHERE run_id = ? AND lease_owner = ? AND claims = ? AND status = 'running'`,
    ),
    complete: db.prepare(
      `UPDATE jobs SET status = ?, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
       WHERE run_id = ? AND lease_owner = ? AND claims = ? AND status = 'running'`,
    ),
    wakeNow: db.prepare(`UPDATE jobs SET run_at = ?, updated_at = ? WHERE run_id = ? AND status = 'retry_wait' AND run_at > ?`),
    cancelIdle: db.prepare(`UPDATE jobs SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, updated_at = ? WHERE run_id = ? AND status IN ('queued', 'retry_wait')`),
    releaseOwner: db.prepare(
      `UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = ? WHERE status IN ('queued', 'running', 'retry_wait') AND status = 'running' AND lease_owner = ?`,
    ),
    reclaimExpired: db.prepare(
      `UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = ? WHERE status IN ('queued', 'running', 'retry_wait') AND status = 'running' AND lease_expires_at < ?`,
    ),
    reclaimOthers: db.prepare(
      `UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = ? WHERE status IN ('queued', 'running', 'retry_wait') AND status = 'running' AND lease_owner IS NOT ?`,
    ),
    nextRunAt: db.prepare(`SELECT min(run_at) AS at FROM jobs WHERE status IN ('queued', 'running', 'retry_wait') AND status IN ('queued', 'retry_wait')`),
    depth: db.prepare(`SELECT status, count(*) AS n, min(run_at) AS oldest FROM jobs WHERE status IN ('queued', 'running', 'retry_wait') GROUP BY status`),
  };
  return {
    insert: (runId: string, workflowId: string, runAt: number, concurrency: number, now: number) => void s.insert.run(runId, workflowId, runAt, concurrency, now),
    /**
     * Claims up to `limit` due jobs, honouring each workflow's concurrency: due parked runs
     * first (a retry, a delay or a wait whose time has come: started work finishes before new
     * work starts, and a backoff is not stretched by the backlog queued meanwhile), then fresh
     * ones, each oldest first (claimOrder). For every workflow with due jobs, index searches for
     * its first jobs that fit its free slots; then the first candidates are taken, one guarded
     * UPDATE each. The cost grows with the number of busy workflows, not with the backlog
     * behind a workflow at its limit.
     */
    claim(owner: string, now: number, leaseMs: number, limit: number): ClaimedJob[] {
      if (limit <= 0) return [];
      const running = new Map((s.runningByWorkflow.all() as Array<{ workflowId: string; n: number }>).map((r) => [r.workflowId, r.n]));
      const candidates: DueJob[] = [];
      for (const { workflowId } of s.waitingWorkflows.all() as Array<{ workflowId: string }>) {
        // The workflow's free slots, from the concurrency of its first due job, before reading more
        // of them: under load a workflow is mostly at its limit, and its due jobs need not be read.
        const parkedHead = s.parkedDueOf.get(workflowId, now, 1) as DueJob | undefined;
        const head = parkedHead ?? (s.queuedDueOf.get(workflowId, now, 1) as DueJob | undefined);
        const free = Math.min(limit, (head?.concurrency ?? 0) - (running.get(workflowId) ?? 0));
        if (free <= 0 || !head) continue;
        // No parked job is due when the probe found none: only queued ones are read then.
        const parked = parkedHead ? (s.parkedDueOf.all(workflowId, now, free) as DueJob[]).map((j) => ({ ...j, parked: true })) : [];
        candidates.push(...(parked.length >= free ? parked : [...parked, ...(s.queuedDueOf.all(workflowId, now, free - parked.length) as DueJob[])]));
      }
      candidates.sort(claimOrder);
      const claimed: ClaimedJob[] = [];
      for (const c of candidates.slice(0, limit)) {
        const job = s.take.get({ owner, now, until: now + leaseMs, runId: c.runId }) as ClaimedJob | undefined;
        if (job) claimed.push(job);
      }
      return claimed;
    },
    heartbeat: (l: Lease, until: number) => s.heartbeat.run(until, l.runId, l.owner, l.claims).changes === 1,
    reschedule: (l: Lease, status: 'queued' | 'retry_wait', runAt: number, now: number) => s.reschedule.run(status, runAt, now, l.runId, l.owner, l.claims).changes === 1,
    complete: (l: Lease, status: 'succeeded' | 'failed' | 'cancelled', now: number) => s.complete.run(status, now, l.runId, l.owner, l.claims).changes === 1,
    /** Makes a job that waits for a later time due now (a child run it waits for ended); false when it is not waiting. */
    wakeNow: (runId: string, now: number) => s.wakeNow.run(now, now, runId, now).changes === 1,
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
