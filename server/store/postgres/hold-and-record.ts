import type { Sql } from './sql.js';
import { DB_NOW, held } from './job-repo.js';
import { stepValues } from '../step-columns.js';
import type { RunStatus } from '../../../shared/runs/run-status.js';
import type { Lease, StepRecord } from '../../engine/records.js';

const STEP_COLUMNS = 'run_id, frame, node_id, attempt, status, input, output, ports, error, logs, detail, started_at, finished_at, next_attempt_at';
// The arrays' element types, in stepValues' order.
const ARRAY_TYPES = ['text', 'text', 'text', 'int', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'bigint', 'bigint'];
const unnestAt = (first: number) => ARRAY_TYPES.map((t, i) => `$${first + i}::${t}[]`).join(', ');

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
  ), recorded AS (
    INSERT INTO steps (${STEP_COLUMNS}) SELECT * FROM unnest(${unnestAt(5)}) WHERE EXISTS (SELECT 1 FROM fence)
    ON CONFLICT (run_id, frame, node_id, attempt) DO UPDATE SET status = excluded.status, input = excluded.input, output = excluded.output,
      ports = excluded.ports, error = excluded.error, logs = excluded.logs, detail = excluded.detail, started_at = excluded.started_at,
      finished_at = excluded.finished_at, next_attempt_at = excluded.next_attempt_at
  )
  SELECT r.status FROM fence JOIN runs r ON r.id = fence.run_id`;
const ON_CALLER_CLOCK = statement(false);
const ON_DATABASE_CLOCK = statement(true);

/** The last record of each attempt, in first-seen order: one upsert of a statement may touch a row once, and the last write wins as it would one by one. */
function lastOfEach(steps: readonly StepRecord[]): StepRecord[] {
  const byKey = new Map<string, StepRecord>();
  for (const s of steps) byKey.set(`${s.frame ?? ''}\0${s.nodeId}\0${s.attempt}`, s);
  return [...byKey.values()];
}

/** JobPort.holdAndRecord: the run's status, or undefined when this claim no longer holds the job (nothing recorded). */
export async function holdAndRecord(q: Sql, l: Lease, until: number, steps: readonly StepRecord[], databaseClock = false): Promise<RunStatus | undefined> {
  const rows = lastOfEach(steps).map(stepValues);
  const columns = ARRAY_TYPES.map((_, i) => rows.map((r) => r[i]));
  const row = await q.one<{ status: RunStatus }>(databaseClock ? ON_DATABASE_CLOCK : ON_CALLER_CLOCK, [
    databaseClock ? Math.max(0, until - Date.now()) : until,
    l.runId,
    l.owner,
    l.claims,
    ...columns,
  ]);
  return row?.status;
}
