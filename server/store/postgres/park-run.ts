import type { Sql } from './sql.js';
import { held } from './job-repo.js';
import { stepArrays, upsertStepArrays } from './step-arrays.js';
import type { Lease, StepRecord } from '../../engine/records.js';
import type { ParkOutcome } from '../ports/jobs.js';
import type { RunStatus } from '../../../shared/runs/run-status.js';

/**
 * A run put aside in one statement: the job's move to `retry_wait` (the fence), the step
 * upserts and the run's `waiting`, where a transaction took six round trips (BEGIN, the lease
 * check, the steps, the run, the job, COMMIT). A retried delivery parks once per failed
 * attempt, so this is most of what a failure costs the store. The run's status is read in the
 * same statement (one snapshot), in place of the executor's own read before the park: a
 * cancelled run moves nothing. Nothing is written unless the fence moved the job. Parameters:
 * `$1` when it wakes, `$2` now, `$3..$5` the lease, then one array per step column.
 */
const PARK = `
  WITH state AS (
    SELECT status FROM runs WHERE id = $3
  ), fence AS (
    UPDATE jobs SET status = 'retry_wait', run_at = $1, lease_owner = NULL, lease_expires_at = NULL, updated_at = $2
    WHERE ${held(3)} AND NOT EXISTS (SELECT 1 FROM state WHERE status = 'cancelled') RETURNING run_id
  ), recorded AS (${upsertStepArrays(6, 'EXISTS (SELECT 1 FROM fence)')}
  ), waiting AS (
    UPDATE runs SET status = 'waiting', wake_at = $1 WHERE id IN (SELECT run_id FROM fence) AND status IN ('queued', 'running', 'waiting')
  )
  SELECT (SELECT count(*) FROM fence)::int AS n, (SELECT status FROM state) AS status`;

/** JobPort.parkRun: nothing written unless 'parked'. */
export async function parkRun(q: Sql, l: Lease, until: number, steps: readonly StepRecord[], now: number): Promise<ParkOutcome> {
  const row = await q.one<{ n: number; status: RunStatus | null }>(PARK, [until, now, l.runId, l.owner, l.claims, ...stepArrays(steps)]);
  if (row?.status === 'cancelled') return 'cancelled';
  return (row?.n ?? 0) === 1 ? 'parked' : 'lost';
}
