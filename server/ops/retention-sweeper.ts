import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/ports/store.js';
import { classStatuses, limitsOf, type RetentionClass, type RetentionPolicy } from './retention-policy.js';

export interface SweepResult {
  at: number;
  runs: number;
  events: number;
  /** Data store entries and dedupe marks deleted because they expired. */
  dataEntries: number;
  /** Time the sweep took, in milliseconds. */
  tookMs: number;
}

export interface RetentionSweeperDeps {
  store: Pick<Store, 'retention' | 'datastore'>;
  clock: Clock;
  logger: Logger;
  /** The effective policy of a workflow (the server default for deleted workflows). */
  policyOf: (workflowId: string) => Promise<RetentionPolicy>;
  /** Runs deleted per transaction: small, so ingest never waits long behind a sweep. */
  batchSize?: number;
  /** Told after each sweep (metrics). */
  onSwept?: (result: SweepResult) => void;
}

const CLASSES: readonly RetentionClass[] = ['kept', 'failed'];

/**
 * Deletes what the retention policy says may go, in bounded batches, each its own unit of work
 * (`retention.deleteExpired`: it never holds the write lock for long). Only
 * finished runs are ever deleted; an event goes once no run refers to it.
 */
export function createRetentionSweeper(d: RetentionSweeperDeps) {
  const batchSize = d.batchSize ?? 200;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<SweepResult> | undefined;
  let last: SweepResult | undefined;
  // Set by `stop`: a sweep under way ends after its current batch (the next one picks up the rest).
  let stopping = false;

  const sweepWorkflow = async (workflowId: string, now: number, total: { runs: number; events: number }) => {
    const policy = await d.policyOf(workflowId);
    for (const cls of CLASSES) {
      const statuses = classStatuses[cls];
      const { finishedBefore, keep } = limitsOf(policy, cls, now);
      for (;;) {
        const batch = await d.store.retention.deleteExpired(workflowId, statuses, { finishedBefore, keep }, batchSize);
        total.runs += batch.runs;
        total.events += batch.events;
        const done = batch.found === 0 || batch.runs === 0;
        if (done || stopping) break;
        // Let requests in between batches.
        await new Promise((r) => setImmediate(r));
      }
    }
  };

  /** Expired data store entries: they already read as missing; this gives their space back, a batch per unit. */
  const purgeData = async (now: number): Promise<number> => {
    let purged = 0;
    for (;;) {
      const n = await d.store.datastore.purgeExpired(now, batchSize);
      purged += n;
      if (n < batchSize || stopping) return purged;
      await new Promise((r) => setImmediate(r));
    }
  };

  const sweep = async (): Promise<SweepResult> => {
    const started = d.clock.now();
    const total = { runs: 0, events: 0 };
    for (const workflowId of await d.store.retention.workflowIds()) {
      if (stopping) break;
      await sweepWorkflow(workflowId, started, total);
    }
    const dataEntries = stopping ? 0 : await purgeData(started);
    const result = { at: started, ...total, dataEntries, tookMs: d.clock.now() - started };
    last = result;
    if (total.runs || dataEntries) d.logger.info({ retention: result }, 'retention sweep deleted old runs');
    d.onSwept?.(result);
    return result;
  };

  return {
    /** One full sweep (a sweep already under way is joined, not doubled). */
    sweepOnce(): Promise<SweepResult> {
      running ??= sweep().finally(() => (running = undefined));
      return running;
    },
    /** Sweeps every `intervalMs` (first after one interval). */
    start(intervalMs: number): void {
      if (timer || intervalMs <= 0) return;
      // Started again after a stop (a scheduler that leads again).
      stopping = false;
      timer = setInterval(() => void this.sweepOnce().catch((err: unknown) => d.logger.error({ err }, 'retention sweep failed')), intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
    get last() {
      return last;
    },
  };
}
export type RetentionSweeper = ReturnType<typeof createRetentionSweeper>;
