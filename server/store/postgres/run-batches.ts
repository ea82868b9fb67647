import type { Sql } from './sql.js';
import { finishRuns, type RunFinish } from './finish-run.js';
import { holdAndRecordMany, type RunHold } from './hold-and-record.js';
import { runsToContinue } from './run-to-continue.js';
import { createTurnBatcher } from './turn-batcher.js';
import type { FinishedRun, RunEnd } from '../ports/jobs.js';
import type { RunStatus } from '../../../shared/runs/run-status.js';
import type { Lease, RunToContinue, StepRecord } from '../../engine/records.js';

/**
 * The executor's three per-run statements (load a claimed run, commit its steps before a step
 * with side effects, end it), each batched across the runs of one event-loop turn
 * (turn-batcher.ts), on the pool in autocommit. Used outside units of work only: inside
 * `store.write` each call is the unit's own statement. `maxBatch`: calls per statement at most.
 */
export function createRunBatches(onPool: Sql, databaseClock: boolean, maxBatch: number) {
  const ends = createTurnBatcher<RunFinish, FinishedRun | undefined>({ many: (items) => finishRuns(onPool, items), maxBatch });
  const holds = createTurnBatcher<RunHold, RunStatus | undefined>({ many: (items) => holdAndRecordMany(onPool, items, databaseClock), maxBatch });
  // A read changes nothing: after any failure of a batch (a corrupt row among them), each run is read alone.
  const loads = createTurnBatcher<string, RunToContinue | undefined>({ many: (ids) => runsToContinue(onPool, ids), maxBatch, retryAlone: () => true });
  return {
    toContinue: (runId: string) => loads.run(runId),
    holdAndRecord: (lease: Lease, until: number, steps: readonly StepRecord[]) => holds.run({ lease, until, steps }),
    finishRun: (lease: Lease, end: RunEnd, steps: readonly StepRecord[], now: number) => ends.run({ lease, end, steps, now }),
  };
}
export type RunBatches = ReturnType<typeof createRunBatches>;
