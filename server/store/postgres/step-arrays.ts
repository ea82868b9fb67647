import { stepValues } from '../step-columns.js';
import type { StepRecord } from '../../engine/records.js';

const STEP_COLUMNS = 'run_id, frame, node_id, attempt, status, input, output, ports, error, logs, detail, started_at, finished_at, next_attempt_at';
// The arrays' element types, in stepValues' order.
const ARRAY_TYPES = ['text', 'text', 'text', 'int', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'bigint', 'bigint'];

/**
 * A status guard the planner checks on the rows found by key (`id = ANY($1)`) and never uses to
 * find them: written plainly, a status with an index (`jobs_ready`, `runs_status_created`) and an
 * estimate of few rows (the statistics of a table that just filled) led the plan to read every
 * running job or unfinished run and join them with the batch, so that each statement cost as much
 * as the backlog. `IS TRUE` changes nothing for these NOT NULL columns and is not indexable.
 */
export const byKeyOnly = (condition: string) => `(${condition}) IS TRUE`;

/**
 * An upsert of step attempts passed as one array per column from parameter `$first` on, inserted
 * only `when` the condition holds (the fence of the statement it is part of; the rows are `s`,
 * with the columns' names). Many attempts cost one statement with a fixed text, so it is
 * prepared once per connection.
 */
export const upsertStepArrays = (first: number, when: string) => `
  INSERT INTO steps (${STEP_COLUMNS}) SELECT * FROM unnest(${ARRAY_TYPES.map((t, i) => `$${first + i}::${t}[]`).join(', ')}) AS s(${STEP_COLUMNS}) WHERE ${when}
  ON CONFLICT (run_id, frame, node_id, attempt) DO UPDATE SET status = excluded.status, input = excluded.input, output = excluded.output,
    ports = excluded.ports, error = excluded.error, logs = excluded.logs, detail = excluded.detail, started_at = excluded.started_at,
    finished_at = excluded.finished_at, next_attempt_at = excluded.next_attempt_at`;

/** The last record of each attempt, in first-seen order: one upsert of a statement may touch a row once, and the last write wins as it would one by one. */
function lastOfEach(steps: readonly StepRecord[]): StepRecord[] {
  const byKey = new Map<string, StepRecord>();
  for (const s of steps) byKey.set(`${s.runId}\0${s.frame ?? ''}\0${s.nodeId}\0${s.attempt}`, s);
  return [...byKey.values()];
}

/** The parameters of `upsertStepArrays`: one array per column. */
export function stepArrays(steps: readonly StepRecord[]): unknown[][] {
  const rows = lastOfEach(steps).map(stepValues);
  return ARRAY_TYPES.map((_, i) => rows.map((r) => r[i]));
}
