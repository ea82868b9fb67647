import type { Sql } from './sql.js';
import { held } from './job-repo.js';
import { stepArrays, upsertStepArrays } from './step-arrays.js';
import type { Lease, StepRecord } from '../../engine/records.js';

/**
 * A run put aside in one statement: the job's move to `retry_wait` (the fence), the step
 * upserts and the run's `waiting`, where a transaction took six round trips (BEGIN, the lease
 * check, the steps, the run, the job, COMMIT). A retried delivery parks once per failed
 * attempt, so this is most of what a failure costs the store. Nothing is written unless the
 * fence moved the job. Parameters: `$1` when it wakes, `$2` now, `$3..$5` the lease, then one
 * array per step column.
 */
const PARK = `
  WITH fence AS (
    UPDATE jobs SET status = 'retry_wait', run_at = $1, lease_owner = NULL, lease_expires_at = NULL, updated_at = $2 WHERE ${held(3)} RETURNING run_id
  ), recorded AS (${upsertStepArrays(6, 'EXISTS (SELECT 1 FROM fence)')}
  ), waiting AS (
    UPDATE runs SET status = 'waiting', wake_at = $1 WHERE id IN (SELECT run_id FROM fence) AND status IN ('queued', 'running', 'waiting')
  )
  SELECT count(*)::int AS n FROM fence`;

/** JobPort.parkRun: false when this claim no longer holds the job (nothing written). */
export async function parkRun(q: Sql, l: Lease, until: number, steps: readonly StepRecord[], now: number): Promise<boolean> {
  const row = await q.one<{ n: number }>(PARK, [until, now, l.runId, l.owner, l.claims, ...stepArrays(steps)]);
  return (row?.n ?? 0) === 1;
}
