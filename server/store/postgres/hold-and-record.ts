import type { Sql } from './sql.js';
import { DB_NOW, held } from './job-repo.js';
import { stepArrays, upsertStepArrays } from './step-arrays.js';
import type { RunStatus } from '../../../shared/runs/run-status.js';
import type { Lease, StepRecord } from '../../engine/records.js';

/**
 * The lease renewal (the fence), the step upserts and the run's status in one statement, so a
 * commit of finished steps costs one round trip in autocommit instead of four (BEGIN, renewal,
 * insert, COMMIT). The steps are inserted only when the fence moved the job: a stale claim
 * records nothing. Parameters: `$1` the lease's end (its length on the database clock), `$2..$4`
 * the lease, then one array per step column.
 */
const statement = (databaseClock: boolean) => `
  WITH fence AS (
    UPDATE jobs SET lease_expires_at = ${databaseClock ? `${DB_NOW} + $1` : '$1'} WHERE ${held(2)} RETURNING run_id
  ), recorded AS (${upsertStepArrays(5, 'EXISTS (SELECT 1 FROM fence)')}
  )
  SELECT r.status FROM fence JOIN runs r ON r.id = fence.run_id`;
const ON_CALLER_CLOCK = statement(false);
const ON_DATABASE_CLOCK = statement(true);

/** JobPort.holdAndRecord: the run's status, or undefined when this claim no longer holds the job (nothing recorded). */
export async function holdAndRecord(q: Sql, l: Lease, until: number, steps: readonly StepRecord[], databaseClock = false): Promise<RunStatus | undefined> {
  const row = await q.one<{ status: RunStatus }>(databaseClock ? ON_DATABASE_CLOCK : ON_CALLER_CLOCK, [
    databaseClock ? Math.max(0, until - Date.now()) : until,
    l.runId,
    l.owner,
    l.claims,
    ...stepArrays(steps),
  ]);
  return row?.status;
}
