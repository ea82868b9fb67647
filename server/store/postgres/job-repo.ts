import type { Sql } from './sql.js';
import type { ClaimedJob, JobStatus, Lease } from '../../engine/records.js';
import { claimOrder } from '../../engine/claim-order.js';

// The namespace of the per-workflow claim locks (pg_try_advisory_xact_lock(namespace, hash)).
const CLAIM_LOCK = 0x5359_434c; // 'SYCL'
const WAITING = `('queued', 'retry_wait')`;
/** The guard of every move of a held job: this claim (run, owner, claim number from parameter `$n` on) still holds it. */
export const held = (n: number) => `run_id = $${n} AND lease_owner = $${n + 1} AND claims = $${n + 2} AND status = 'running'`;
const handBack = `status = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = $1`;
/** The database's clock in epoch milliseconds: leases are measured on it when several machines share the queue. */
export const DB_NOW = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/**
 * Each workflow with due jobs, its oldest due time and whether a parked job is due, in claim
 * order. A skip scan over the `jobs_due` index (one probe per workflow, not one row per waiting
 * job): a GROUP BY over the waiting jobs read the whole backlog on every claim, which made a
 * deep queue cost every worker more the deeper it got.
 */
const workflowsWithDueJobs = (now: string) => `
  WITH RECURSIVE w AS (
    (SELECT workflow_id FROM jobs WHERE status IN ${WAITING} ORDER BY workflow_id LIMIT 1)
    UNION ALL
    SELECT (SELECT j.workflow_id FROM jobs j WHERE j.status IN ${WAITING} AND j.workflow_id > w.workflow_id ORDER BY j.workflow_id LIMIT 1)
    FROM w WHERE w.workflow_id IS NOT NULL
  )
  , clock AS (SELECT ${now} AS now)
  SELECT * FROM (
    SELECT w.workflow_id AS "workflowId", clock.now,
           (SELECT min(j.run_at) FROM jobs j WHERE j.workflow_id = w.workflow_id AND j.status IN ${WAITING} AND j.run_at <= clock.now) AS oldest,
           EXISTS (SELECT 1 FROM jobs j WHERE j.workflow_id = w.workflow_id AND j.status = 'retry_wait' AND j.run_at <= clock.now) AS parked
    FROM w, clock WHERE w.workflow_id IS NOT NULL
  ) due WHERE oldest IS NOT NULL ORDER BY parked DESC, oldest`;
/** The walk on the caller's clock (`$1`) or on the database's, read once for the whole claim. */
const WORKFLOWS_ON_CALLER_CLOCK = workflowsWithDueJobs('$1::bigint');
const WORKFLOWS_ON_DATABASE_CLOCK = workflowsWithDueJobs(DB_NOW);

/** Takes the chosen jobs and marks their runs running, in one statement. */
const TAKE = `
  WITH taken AS (
    UPDATE jobs SET status = 'running', lease_owner = $1, lease_expires_at = $2, claims = claims + 1, updated_at = $3
    WHERE run_id = ANY($4) AND status IN ${WAITING}
    RETURNING run_id, workflow_id, claims
  ), started AS (
    UPDATE runs SET status = 'running', wake_at = NULL, started_at = COALESCE(started_at, $3)
    WHERE id IN (SELECT run_id FROM taken) AND status IN ('queued', 'running', 'waiting')
  )
  SELECT run_id AS "runId", workflow_id AS "workflowId", claims FROM taken`;

interface Candidate {
  runId: string;
  runAt: number;
  concurrency: number;
  running: number;
  parked?: boolean;
}

const dueSelect = (status: string) => `SELECT run_id AS "runId", run_at AS "runAt", concurrency,
            (SELECT count(*) FROM jobs r WHERE r.workflow_id = $1 AND r.status = 'running') AS running
     FROM jobs WHERE workflow_id = $1 AND status = '${status}' AND run_at <= $2
     ORDER BY run_at, run_id LIMIT $3 FOR UPDATE SKIP LOCKED`;

/**
 * Due jobs of one workflow that fit its free slots, locked: parked ones first, then fresh
 * ones (engine/claim-order.ts). The workflow's claim lock comes first, in its own statement:
 * the running count after it sees every claim committed before (a claimer commits before its
 * transaction lock is released), so two claimers never both fill the same free slot. A
 * claimer that holds no claim lock yet waits for this one (its turn comes when the holder
 * commits: a hot workflow is served by every claimer in turn); one that holds some already
 * only tries, and skips the workflow when it is taken. So a waiting claimer never holds a
 * lock another waits for, and claimers cannot deadlock.
 */
async function candidatesOf(q: Sql, workflowId: string, now: number, limit: number, wait: boolean, anyParked: boolean): Promise<Candidate[]> {
  const lock = wait
    ? await q.one<{ locked: boolean }>('SELECT true AS locked FROM pg_advisory_xact_lock($1, hashtext($2))', [CLAIM_LOCK, workflowId])
    : await q.one<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked', [CLAIM_LOCK, workflowId]);
  if (!lock?.locked) return [];
  // The walk saw no parked job due for this workflow; one parked since then waits for the next claim.
  const parked = anyParked ? (await q.rows<Candidate>(dueSelect('retry_wait'), [workflowId, now, limit])).map((c) => ({ ...c, parked: true })) : [];
  const due = parked.length >= limit ? parked : [...parked, ...(await q.rows<Candidate>(dueSelect('queued'), [workflowId, now, limit - parked.length]))];
  const first = due[0];
  return first ? due.slice(0, Math.max(0, first.concurrency - first.running)) : [];
}

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
   * Claims up to `limit` due jobs in claim order (parked first, then oldest due), within each workflow's concurrency across
   * every process, and marks their runs running. Runs inside a transaction: the claim locks
   * and the row locks (FOR UPDATE SKIP LOCKED, so claimers never wait on each other's rows)
   * are held until it commits.
   */
  async claim(q: Sql, owner: string, callerNow: number, leaseMs: number, limit: number, databaseClock = false): Promise<ClaimedJob[]> {
    if (limit <= 0) return [];
    // Workflows in claim order of the best job each could offer (a lower bound: `oldest`
    // spans both kinds), so the walk can stop once the candidates found all come before it.
    // On the database clock, "due" and the lease's end are the server's time, read once by the walk.
    const workflows = await q.rows<{ workflowId: string; now: number; oldest: number; parked: boolean }>(
      databaseClock ? WORKFLOWS_ON_DATABASE_CLOCK : WORKFLOWS_ON_CALLER_CLOCK,
      databaseClock ? [] : [callerNow],
    );
    const now = workflows[0]?.now ?? callerNow;
    const candidates: Candidate[] = [];
    for (const [i, w] of workflows.entries()) {
      if (candidates.length >= limit && claimOrder(candidates.sort(claimOrder)[limit - 1] as Candidate, { runAt: w.oldest, parked: w.parked }) < 0) break;
      candidates.push(...(await candidatesOf(q, w.workflowId, now, limit, i === 0, w.parked)));
    }
    candidates.sort(claimOrder);
    const chosen = candidates.slice(0, limit).map((c) => c.runId);
    if (!chosen.length) return [];
    const taken = await q.rows<ClaimedJob>(TAKE, [owner, now + leaseMs, now, chosen]);
    const order = new Map(chosen.map((id, i) => [id, i]));
    return taken.sort((a, b) => (order.get(a.runId) ?? 0) - (order.get(b.runId) ?? 0));
  },
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
