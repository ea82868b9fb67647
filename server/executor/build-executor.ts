import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import type { Io } from '../io.js';
import type { Ops } from '../ops/create-ops.js';
import type { Store } from '../store/ports/store.js';
import type { RunReply } from '../engine/step-types.js';
import type { createWaiters } from '../ingest/trigger-waiters.js';
import { createResumeLinks } from '../waits/resume-links.js';
import { createApprovalRunner, createWaitRunner } from '../runners/wait.runner.js';
import { createRunners } from '../runners/index.js';
import { createRunsStartedByRuns } from '../services/child-runs-setup.js';
import type { VersionCache } from './run-state.js';
import { createExecutionStore } from './execution-store.js';
import { createRunStep } from './run-step.js';
import { createExecuteRun } from './execute-run.js';
import { createWorkerPool } from './worker-pool.js';
import { createExecuteOneStep } from './execute-one-step.js';
import { createParkedRuns } from './parked-runs.js';
import { createFreshRuns } from './fresh-runs.js';

export interface ExecutorDeps {
  config: Pick<Config, 'publicUrl' | 'workflowConcurrency' | 'workerConcurrency' | 'workerRunDataBytes' | 'leaseMs' | 'roles'>;
  store: Store;
  io: Io;
  ops: Ops;
  clock: Clock;
  logger: Logger;
  versions: VersionCache;
  secretKey: Buffer;
  /** Where a run's reply goes: the request waiting for it, in this process or another. */
  replies: ReturnType<typeof createWaiters<RunReply>>;
  /** A run was queued (a child run, an error workflow): wake the workers, wherever they are. */
  afterQueued: () => void;
  /** A run was cancelled: stop it in whichever process executes it. */
  afterCancelled: (runId: string) => void;
}

/**
 * The executor's half of the composition root: the runners (with the ones that start or wait
 * for other runs), one step's attempt, one run's turns, the worker pool that claims them, and
 * one step run alone (Test this step). Built in every process; only the worker role starts the pool.
 */
export function buildExecutor(d: ExecutorDeps) {
  const { config, store, io, ops, clock, logger, versions } = d;
  const byRuns = createRunsStartedByRuns({
    store,
    versions,
    clock,
    logger,
    publicUrl: config.publicUrl,
    defaultConcurrency: config.workflowConcurrency,
    wake: d.afterQueued,
    abortRun: d.afterCancelled,
  });
  const links = createResumeLinks({ secretKey: d.secretKey, publicUrl: config.publicUrl });
  const waitDeps = { waits: store.waits, links };
  const execution = ops.wrapStore(createExecutionStore({ store, hooks: byRuns.hooks }));
  const runners = createRunners({ ...io.runners, subworkflow: byRuns.subworkflowRunner, wait: createWaitRunner(waitDeps), approval: createApprovalRunner(waitDeps) });
  const runStep = ops.wrapRunStep(
    createRunStep({
      runners,
      links,
      expressions: io.expressions,
      clock,
      random: Math.random,
      logger,
      replies: d.replies,
      redact: io.redactor.redact,
      variables: () => io.variables.values(),
    }),
  );
  // Only a process that both accepts events and executes runs can start a run from what its ingest kept.
  const fresh = config.roles.has('web') && config.roles.has('worker') ? createFreshRuns() : undefined;
  const executeRun = createExecuteRun({ store: execution, versions, runStep, clock, logger, replies: d.replies, leaseMs: config.leaseMs, parked: createParkedRuns(), fresh });
  const workers = createWorkerPool({ store: execution, executeRun, clock, logger, concurrency: config.workerConcurrency, heldBytesBudget: config.workerRunDataBytes, leaseMs: config.leaseMs });
  // Test this step: one step outside a run, with the same runners.
  const executeOneStep = createExecuteOneStep({ runners, expressions: io.expressions, clock, logger, redact: io.redactor.redact });
  // `fresh` goes to ingest's accept, which fills it.
  return { links, workers, executeOneStep, fresh };
}
