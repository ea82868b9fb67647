import type { Sql } from './sql.js';
import { held } from './job-repo.js';
import { stepArrays, upsertStepArrays } from './step-arrays.js';
import { writeJson } from '../json-column.js';
import { TRUNCATED_FIELDS } from '../truncated-payload.js';
import type { FinishedRun, RunEnd } from '../ports/jobs.js';
import type { Lease, StepRecord } from '../../engine/records.js';

const largest = (alias: string) => `greatest(${TRUNCATED_FIELDS.map((f) => `octet_length(${alias}${f})`).join(', ')})`;

/**
 * A run's end in one statement: the job's completion (the fence), the last step upserts and the
 * run's end, where a transaction took five round trips (BEGIN, three statements, COMMIT). Nothing
 * is written unless the fence moved the job, so a stale claim commits nothing. It also answers
 * the size of the run's largest step payload (the rows it wrote and the ones stored before), so
 * that payload truncation skips its own probe in the usual case, a run with small payloads.
 * Parameters: `$1` the status, `$2` now, `$3..$5` the lease, `$6` the run's error, then one array
 * per step column.
 */
const FINISH = `
  WITH fence AS (
    UPDATE jobs SET status = $1, lease_owner = NULL, lease_expires_at = NULL, updated_at = $2 WHERE ${held(3)} RETURNING run_id
  ), recorded AS (${upsertStepArrays(7, 'EXISTS (SELECT 1 FROM fence)')}
    RETURNING ${largest('')} AS bytes
  ), finished AS (
    UPDATE runs SET status = $1, error = $6, wake_at = NULL, finished_at = $2
    WHERE id IN (SELECT run_id FROM fence) AND status IN ('queued', 'running', 'waiting') RETURNING id
  )
  SELECT EXISTS (SELECT 1 FROM finished) AS changed,
         coalesce(greatest((SELECT max(bytes) FROM recorded), (SELECT max(${largest('s.')}) FROM steps s WHERE s.run_id = fence.run_id)), 0) AS "largestPayload"
  FROM fence`;

/** JobPort.finishRun: undefined when this claim no longer holds the job (nothing written). */
export async function finishRun(q: Sql, l: Lease, end: RunEnd, steps: readonly StepRecord[], now: number): Promise<FinishedRun | undefined> {
  return q.one<FinishedRun>(FINISH, [end.status, now, l.runId, l.owner, l.claims, writeJson(end.error), ...stepArrays(steps)]);
}
