import type { Sql } from './sql.js';
import { DB_NOW } from './job-repo.js';
import { byKeyOnly, stepArrays, upsertStepArrays } from './step-arrays.js';
import type { RunStatus } from '../../../shared/runs/run-status.js';
import type { Lease, StepRecord } from '../../engine/records.js';

/**
 * Lease renewals (the fences), step upserts and the runs' statuses in one statement, one run or
 * many (turn-batcher.ts), so a commit of finished steps costs one round trip in autocommit
 * instead of four (BEGIN, renewal, insert, COMMIT). A run's steps are inserted only when its own
 * fence moved its job: a stale claim records nothing. Parameters: one array per hold column
 * (`$1..$4`: run, owner, claim number, the lease's end or, on the database clock, its length),
 * then one array per step column.
 */
const statement = (databaseClock: boolean) => `
  WITH holds AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[]) AS h(run_id, owner, claims, until)
  ), fence AS (
    UPDATE jobs j SET lease_expires_at = ${databaseClock ? `${DB_NOW} + h.until` : 'h.until'}
    FROM holds h WHERE j.run_id = ANY($1::text[]) AND j.run_id = h.run_id AND j.lease_owner = h.owner AND j.claims = h.claims AND ${byKeyOnly("j.status = 'running'")}
    RETURNING j.run_id
  ), recorded AS (${upsertStepArrays(5, 's.run_id IN (SELECT run_id FROM fence)')}
  )
  SELECT r.id AS "runId", r.status FROM fence JOIN runs r ON r.id = fence.run_id`;
const ON_CALLER_CLOCK = statement(false);
const ON_DATABASE_CLOCK = statement(true);

/** One run's commit for `holdAndRecordMany`: its lease held until `until`, its finished steps. */
export interface RunHold {
  lease: Lease;
  until: number;
  steps: readonly StepRecord[];
}

/** JobPort.holdAndRecord for each item, in order: the run's status, or undefined where that claim no longer holds the job (nothing of it recorded). */
export async function holdAndRecordMany(q: Sql, items: readonly RunHold[], databaseClock = false): Promise<(RunStatus | undefined)[]> {
  const rows = await q.rows<{ runId: string; status: RunStatus }>(databaseClock ? ON_DATABASE_CLOCK : ON_CALLER_CLOCK, [
    items.map((i) => i.lease.runId),
    items.map((i) => i.lease.owner),
    items.map((i) => i.lease.claims),
    // On the database clock the lease runs for the same length from the database's now (the caller's clock only measures the length).
    items.map((i) => (databaseClock ? Math.max(0, i.until - Date.now()) : i.until)),
    ...stepArrays(items.flatMap((i) => i.steps)),
  ]);
  const byRun = new Map(rows.map((r) => [r.runId, r.status]));
  return items.map((i) => byRun.get(i.lease.runId));
}

/** JobPort.holdAndRecord: the run's status, or undefined when this claim no longer holds the job (nothing recorded). */
export async function holdAndRecord(q: Sql, l: Lease, until: number, steps: readonly StepRecord[], databaseClock = false): Promise<RunStatus | undefined> {
  return (await holdAndRecordMany(q, [{ lease: l, until, steps }], databaseClock))[0];
}
