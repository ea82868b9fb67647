import type { StartedRun } from '../ports/runs.js';
import type { IntakeInput, IntakeResult } from '../ports/holds.js';
import type { Sql } from './sql.js';
import { postgresHolds } from './hold-repo.js';
import { startRunsTogether, type NewEventStart } from './start-runs-together.js';
import { createTurnBatcher } from './turn-batcher.js';

/** One start waiting for its batch: a run from a new event, or a live trigger's intake (held while its workflow is paused). */
export type BatchedStart = { kind: 'start'; input: NewEventStart } | { kind: 'intake'; input: IntakeInput };

export interface StartBatcherOptions {
  /** Runs `work` in one transaction and resolves after its COMMIT returned. */
  transact: <T>(work: (q: Sql) => Promise<T>) => Promise<T>;
  /** Starts per transaction at most (a bigger backlog is split). */
  maxBatch?: number;
  /** Batch transactions open at once; further starts wait and join the next batch. */
  maxInFlight?: number;
}

// PostgreSQL chose this transaction as a deadlock victim, or could not serialize it: nothing of it
// was committed and trying it again is safe (sorted key order makes this rare; see start-runs-together.ts).
const RETRYABLE = new Set(['40P01', '40001']);
const retryable = (error: unknown) => RETRYABLE.has(String((error as { code?: unknown } | null)?.code ?? ''));

/**
 * Group commit for run starts on PostgreSQL. The starts made in one turn of the event loop
 * (every request whose body finished reading in that turn) are collected with setImmediate and
 * go into one transaction of set-based statements (turn-batcher.ts). Each caller resolves only
 * after COMMIT returned; when the transaction fails, every caller of the batch is rejected (ingest
 * answers 503 to each) and nothing of it was stored. While `maxInFlight` batches are committing,
 * new starts queue and form the next batch: the busier the database, the bigger the batches.
 */
export function createStartBatcher(o: StartBatcherOptions) {
  async function commitBatch(items: readonly BatchedStart[]): Promise<IntakeResult[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await o.transact((q) => startBatch(q, items));
      } catch (error) {
        if (attempt >= 3 || !retryable(error)) throw error;
      }
    }
  }
  // A failed batch fails all of its starts: the 503 of each is what ingest promises (docs/scale-out.md).
  const batcher = createTurnBatcher({ many: commitBatch, maxBatch: o.maxBatch ?? 500, maxInFlight: o.maxInFlight ?? 2, retryAlone: () => false });

  return {
    startRun: (input: NewEventStart) => batcher.run({ kind: 'start', input }) as Promise<StartedRun>,
    intake: (input: IntakeInput) => batcher.run({ kind: 'intake', input }),
    /** Starts waiting for a batch, and in batches not yet committed. */
    get pending() {
      return batcher.pending;
    },
  };
}
export type StartBatcher = ReturnType<typeof createStartBatcher>;

/**
 * One batch inside its transaction. Intakes first read their workflows' pause rows FOR SHARE in
 * one statement (as a single intake does: a release waits for them); those of running workflows
 * join the set-based starts, those of paused or resuming ones are held one by one (rare).
 */
export async function startBatch(q: Sql, items: readonly BatchedStart[]): Promise<IntakeResult[]> {
  const intakeIds = [...new Set(items.flatMap((it) => (it.kind === 'intake' ? [it.input.workflowId] : [])))].sort();
  const pausedIds = new Set<string>();
  if (intakeIds.length) {
    const rows = await q.rows<{ workflowId: string; state: string }>('SELECT workflow_id AS "workflowId", state FROM workflow_pause WHERE workflow_id = ANY($1) ORDER BY workflow_id FOR SHARE', [
      intakeIds,
    ]);
    for (const r of rows) if (r.state !== 'off') pausedIds.add(r.workflowId);
  }
  const isHeld = (it: BatchedStart): it is Extract<BatchedStart, { kind: 'intake' }> => it.kind === 'intake' && pausedIds.has(it.input.workflowId);
  const asStart = (it: BatchedStart): NewEventStart => (it.kind === 'start' ? it.input : { ...it.input, event: { kind: 'new', event: it.input.event } });
  const starts = items.flatMap((it, i) => (isHeld(it) ? [] : [{ i, start: asStart(it) }]));
  const results = new Array<IntakeResult>(items.length);
  const started = await startRunsTogether(
    q,
    starts.map((s) => s.start),
  );
  starts.forEach((s, k) => (results[s.i] = started[k] as StartedRun));
  for (const [i, it] of items.entries()) if (isHeld(it)) results[i] = await postgresHolds.intake(q, it.input);
  return results;
}
