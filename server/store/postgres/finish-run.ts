import type { Sql } from './sql.js';
import { byKeyOnly, stepArrays, upsertStepArrays } from './step-arrays.js';
import { writeJson } from '../json-column.js';
import { TRUNCATED_FIELDS } from '../truncated-payload.js';
import type { FinishedRun, RunEnd } from '../ports/jobs.js';
import type { Lease, StepRecord } from '../../engine/records.js';

const largest = (alias: string) => `greatest(${TRUNCATED_FIELDS.map((f) => `octet_length(${alias}${f})`).join(', ')})`;

/**
 * Runs' ends in one statement, one or many (turn-batcher.ts): per run, the job's completion (the
 * fence), its last step upserts and the run's end, where a transaction took five round trips
 * (BEGIN, three statements, COMMIT). Nothing of a run is written unless its own fence moved its
 * job, so a stale claim commits nothing while the others of the statement commit. It also answers
 * each run's largest step payload (the rows it wrote and the ones stored before), so that payload
 * truncation skips its own probe in the usual case, a run with small payloads.
 * Parameters: one array per end column (`$1..$6`: run, owner, claim number, status, error, now),
 * then one array per step column.
 */
const FINISH = `
  WITH ends AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::bigint[]) AS e(run_id, owner, claims, status, error, now)
  ), fence AS (
    UPDATE jobs j SET status = e.status, lease_owner = NULL, lease_expires_at = NULL, updated_at = e.now
    FROM ends e WHERE j.run_id = ANY($1::text[]) AND j.run_id = e.run_id AND j.lease_owner = e.owner AND j.claims = e.claims AND ${byKeyOnly("j.status = 'running'")}
    RETURNING j.run_id
  ), recorded AS (${upsertStepArrays(7, 's.run_id IN (SELECT run_id FROM fence)')}
    RETURNING run_id, ${largest('')} AS bytes
  ), finished AS (
    UPDATE runs r SET status = e.status, error = e.error, wake_at = NULL, finished_at = e.now
    FROM ends e WHERE r.id = ANY($1::text[]) AND r.id = e.run_id AND r.id IN (SELECT run_id FROM fence) AND ${byKeyOnly("r.status IN ('queued', 'running', 'waiting')")}
    RETURNING r.id
  )
  SELECT f.run_id AS "runId", EXISTS (SELECT 1 FROM finished x WHERE x.id = f.run_id) AS changed,
         coalesce(greatest((SELECT max(w.bytes) FROM recorded w WHERE w.run_id = f.run_id),
                           (SELECT max(${largest('s.')}) FROM steps s WHERE s.run_id = f.run_id)), 0) AS "largestPayload"
  FROM fence f`;

/** One run's end for `finishRuns`. */
export interface RunFinish {
  lease: Lease;
  end: RunEnd;
  steps: readonly StepRecord[];
  now: number;
}

/** JobPort.finishRun for each item, in order: undefined where that claim no longer holds the job (nothing of it written). */
export async function finishRuns(q: Sql, items: readonly RunFinish[]): Promise<(FinishedRun | undefined)[]> {
  const rows = await q.rows<FinishedRun & { runId: string }>(FINISH, [
    items.map((i) => i.lease.runId),
    items.map((i) => i.lease.owner),
    items.map((i) => i.lease.claims),
    items.map((i) => i.end.status),
    items.map((i) => writeJson(i.end.error)),
    items.map((i) => i.now),
    ...stepArrays(items.flatMap((i) => i.steps)),
  ]);
  const byRun = new Map(rows.map(({ runId, ...r }) => [runId, r]));
  return items.map((i) => byRun.get(i.lease.runId));
}

/** JobPort.finishRun: undefined when this claim no longer holds the job (nothing written). */
export async function finishRun(q: Sql, l: Lease, end: RunEnd, steps: readonly StepRecord[], now: number): Promise<FinishedRun | undefined> {
  return (await finishRuns(q, [{ lease: l, end, steps, now }]))[0];
}
