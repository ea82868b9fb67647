// The executor as the worker pool drives it, wired for the executor's tests: real runners
// (webhook, delay, http over a real delivery client), a manual clock, and a count of the runs it
// reads back from the store, so a test can tell a run started from memory from one loaded, and of
// the executor's own reads of a run's status (the cancel check).
import { pino } from 'pino';
import { createExecutionStore, type ExecutionStore } from '../../../server/executor/execution-store.js';
import { createExecuteRun, type ExecuteDeps } from '../../../server/executor/execute-run.js';
import { createRunStep } from '../../../server/executor/run-step.js';
import { createVersionCache } from '../../../server/executor/run-state.js';
import { createWaiters } from '../../../server/ingest/trigger-waiters.js';
import { createHttpRunner } from '../../../server/runners/http.runner.js';
import { delayRunner } from '../../../server/runners/delay.runner.js';
import { webhookRunner } from '../../../server/runners/webhook.runner.js';
import type { RunReply } from '../../../server/engine/step-types.js';
import type { StepRunner } from '../../../server/runners/runner.js';
import type { Store } from '../../../server/store/ports/store.js';
import { createPathExpressionEvaluator } from '../../support/path-expression-evaluator.js';
import { testDelivery } from '../delivery/support.js';

export interface CountingExecutorOptions {
  store: Store;
  /** The clock's time to start from. */
  at: number;
  /** Called with what must be closed after the test. */
  cleanup: (close: () => Promise<void> | void) => void;
  /** The executor's memory of parked and just-accepted runs, when the test wants them. */
  kept?: Pick<ExecuteDeps, 'parked' | 'fresh'>;
}

export function countingExecutor(o: CountingExecutorOptions) {
  const delivery = testDelivery();
  o.cleanup(() => delivery.close());
  const { clock } = delivery;
  clock.set(o.at);
  const logger = pino({ level: 'silent' });
  const replies = createWaiters<RunReply>();
  const runners = { webhook: webhookRunner, delay: delayRunner, http: createHttpRunner({ deliverer: delivery.deliverer }) } as unknown as Record<string, StepRunner<never>>;
  const runStep = createRunStep({ runners, expressions: createPathExpressionEvaluator(), clock, random: () => 0.5, logger, replies, redact: (v) => v });
  /** The ids of the runs read back from the store, in order. */
  const loads: string[] = [];
  /** The ids of the runs whose status the executor read to check for a cancel, in order. */
  const statusReads: string[] = [];
  const real = createExecutionStore({ store: o.store });
  const execution: ExecutionStore = {
    ...real,
    load: (runId) => (loads.push(runId), real.load(runId)),
    isCancelled: (runId) => (statusReads.push(runId), real.isCancelled(runId)),
  };
  const versions = createVersionCache(o.store.workflows);
  const executeRun = createExecuteRun({ store: execution, versions, runStep, clock, logger, replies, leaseMs: 30_000, ...o.kept });
  return { executeRun, execution, loads, statusReads, clock, versions };
}
