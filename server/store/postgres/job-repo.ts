import type { Sql } from './sql.js';
import type { ClaimedJob, JobStatus, Lease } from '../../engine/records.js';

const WAITING = `('queued', 'retry_wait')`;
/** The guard of every move of a held job: this claim (run, owner, claim number from parameter `$n` on) still holds it. */
export const held = (n: number) => `run_id = $${n} AND lease_owner = $${n + 1} AND claims = $${n + 2} AND status = 'running'`;
const handBack = `status = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = $1`;
/** The database's clock in epoch milliseconds: leases are measured on it when several machines share the queue. */
export const DB_NOW = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/** The claim in one round trip: migration 013's function (how it chooses, locks and fences is described there). */
const CLAIM = `SELECT o_run_id AS "runId", o_workflow_id AS "workflowId", o_claims AS claims FROM sy_claim_jobs($1, $2, $3, $4, $5)`;

/**
 * The run queue's table. Every transition is one guarded UPDATE: a worker only moves a job
 * it holds (`lease_owner` and the claim number `claims`, the fencing token), and a job only
 * leaves `running` once.
 */
export const postgresJobs = {
  async insert(q: Sql, runId: string, workflowId: string, runAt: number, concurrency: number, now: number): Promise<void> {
    await q.run(`INSERT INTO jobs (run_id, workflow_id, status, run_at, concurrency, updated_at) VALUES ($1, $2, 'queued', $3, $4, $5)`, [runId, workflowId, runAt, concurrency, now]);
  },
  /**
   * Claims up to `limit` due jobs in claim order (parked first, then oldest due), within each
   * workflow's concurrency across every process, and marks their runs running: one statement, so
   * its claim and row locks are held until it commits (in autocommit, or with the caller's
   * transaction). On the database clock, "due" and the lease's end are the server's time.
   */
  claim: async (q: Sql, owner: string, callerNow: number, leaseMs: number, limit: number, databaseClock = false): Promise<ClaimedJob[]> =>
    limit <= 0 ? [] : q.rows<ClaimedJob>(CLAIM, [owner, callerNow, leaseMs, limit, databaseClock]),
  /** On the database clock the lease runs for the same length from the database's now (the caller's clock only measures the length). */
  heartbeat: async (q: Sql, l: Lease, until: number, databaseClock = false) =>
    (await q.run(`UPDATE jobs SET lease_expires_at = ${databaseClock ? `${DB_NOW} + $1` : '$1'} WHERE ${held(2)}`, [
      databaseClock ? Math.max(0, until - Date.now()) : until,
      l.runId,
      l.owner,
      l.claims,
    ])) === 1,
  reschedule: async (q: Sql, l: Lease, status: 'queued' | 'retry_wait', runAt: number, now: number) =>
    (await q.run(`UPDATE jobs SET status = $1, run_at = $2, lease_owner = NULL, lease_expires_at = NULL, updated_at = $3 WHERE ${held(4)}`, [status, runAt, now, l.runId, l.owner, l.claims])) === 1,
  complete: async (q: Sql, l: Lease, status: 'succeeded' | 'failed' | 'cancelled', now: number) =>
    (await q.run(`UPDATE jobs SET status = $1, lease_owner = NULL, lease_expires_at = NULL, updated_at = $2 WHERE ${held(3)}`, [status, now, l.runId, l.owner, l.claims])) === 1,
  wakeNow: async (q: Sql, runId: string, now: number) => (await q.run(`UPDATE jobs SET run_at = $1, updated_at = $1 WHERE run_id = $2 AND status = 'retry_wait' AND run_at > $1`, [now, runId])) === 1,
  cancelIdle: async (q: Sql, runId: string, now: number) =>
    (await q.run(`UPDATE jobs SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, updated_at = $1 WHERE run_id = $2 AND status IN ${WAITING}`, [now, runId])) === 1,
  releaseOwner: (q: Sql, owner: string, now: number) => q.run(`UPDATE jobs SET ${handBack} WHERE lease_owner = $2 AND status = 'running'`, [now, owner]),
  reclaimExpired: (q: Sql, now: number, databaseClock = false) => q.run(`UPDATE jobs SET ${handBack} WHERE status = 'running' AND lease_expires_at < ${databaseClock ? DB_NOW : '$1'}`, [now]),
  reclaimOthers: (q: Sql, owner: string, now: number) => q.run(`UPDATE jobs SET ${handBack} WHERE status = 'running' AND lease_owner IS DISTINCT FROM $2`, [now, owner]),
  nextRunAt: async (q: Sql) => (await q.one<{ at: number | null }>(`SELECT min(run_at) AS at FROM jobs WHERE status IN ${WAITING}`))?.at ?? null,
  depth: (q: Sql) =>
    q.rows<{ status: JobStatus; n: number; oldest: number }>(`SELECT status, count(*) AS n, min(run_at) AS oldest FROM jobs WHERE status IN ('queued', 'running', 'retry_wait') GROUP BY status`),
};
