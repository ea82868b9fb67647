import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../store/sqlite/database.js';
import type { Repos } from '../store/sqlite/create-sqlite-store.js';
import type { Clock } from '../lib/clock.js';
import type { CommitQueue } from '../store/sqlite/commit-queue.js';
import type { ExecutionStore } from '../executor/execution-store.js';
import type { RunStep } from '../executor/run-step.js';
import type { AcceptEvent } from '../ingest/accept-event.js';
import type { EndpointView } from '../delivery/endpoint-health.js';
import { createQueueStatsRepo } from '../store/sqlite/queue-stats-repo.js';
import { createRetentionRepo } from '../store/sqlite/retention-repo.js';
import { createStorageSampleRepo } from '../store/sqlite/storage-sample-repo.js';
import { createMetrics } from '../metrics/prom-metrics.js';
import { observeAccept, observeHttp } from '../metrics/instrument-edges.js';
import { observeExecutionStore, observeRunStep } from '../metrics/instrument-executor.js';
import { createQueueRouter } from '../http/queue.routes.js';
import { createSystemRouter } from '../http/system.routes.js';
import { createReadiness } from './readiness.js';
import { policyFor } from './retention-policy.js';
import { createRetentionSweeper } from './retention-sweeper.js';
import { createStepTruncation } from '../store/sqlite/step-truncation.js';
import { convertToIncrementalVacuum, createMaintenance } from './storage-maintenance.js';
import { createStorageReport } from './storage-report.js';
import { readStorage } from './storage-stats.js';

export interface OpsDeps {
  config: Config;
  db: Db;
  repos: Repos;
  commits: CommitQueue;
  clock: Clock;
  logger: Logger;
  /** Live views of parts built later (read only when scraped or probed). */
  live: {
    sandbox: () => { processes: number; restarts: number; busy: number; queued: number; available: boolean } | undefined;
    endpoints: () => readonly EndpointView[];
    executing: () => number;
  };
}

/**
 * Operations in one place for the composition root: metrics (an observer plus wrappers that
 * feed it), readiness, retention, payload truncation, database upkeep and their routes.
 * Converts an old database to incremental vacuum first, before anything else uses it.
 */
export function createOps(d: OpsDeps) {
  const { config, db, commits, clock, logger } = d;
  const o = config.ops;
  convertToIncrementalVacuum(db, config.dbFile, o.vacuumConvertMaxBytes, logger);
  const queueStats = createQueueStatsRepo(db);
  const samples = createStorageSampleRepo(db);
  const now = () => clock.now();

  const metrics = createMetrics({
    queue: () => {
      const due = queueStats.due(now());
      return { depth: d.repos.jobs.depth(), due: due.n, oldestDueAt: due.oldestAt };
    },
    activeRuns: () => queueStats.activeRuns(),
    endpoints: () => {
      const counts = new Map<string, number>();
      for (const e of d.live.endpoints()) counts.set(e.state, (counts.get(e.state) ?? 0) + 1);
      return [...counts].map(([status, n]) => ({ status, n }));
    },
    sandbox: () => d.live.sandbox(),
    storage: () => readStorage(db, config.dbFile),
    executing: () => d.live.executing(),
    now,
  });
  const observer = metrics.observer;

  const policyOf = (workflowId: string) => {
    const wf = d.repos.workflows.get(workflowId);
    const own = wf ? d.repos.workflows.getVersion(workflowId, wf.currentVersion)?.definition.settings.retention : undefined;
    return policyFor(o.retention, own);
  };
  const sweeper = createRetentionSweeper({ repo: createRetentionRepo(db), commits, clock, logger, policyOf, onSwept: (r) => observer.retentionSwept(r.runs, r.events) });
  const maintenance = createMaintenance({ db, dbFile: config.dbFile, commits, samples, clock, logger });
  const truncation = createStepTruncation(db, o.stepPayloadMaxBytes);
  const readiness = createReadiness({
    db, commits, now, stallMs: o.stallMs,
    sandbox: () => d.live.sandbox(),
    due: (at) => queueStats.due(at),
    executing: () => d.live.executing(),
  });
  const storage = createStorageReport({
    db, dbFile: config.dbFile, samples, now, retention: o.retention, stepPayloadMaxBytes: o.stepPayloadMaxBytes,
    lastSweep: () => sweeper.last, lastMaintenance: () => maintenance.last,
  });

  const afterFinish = (runId: string) => {
    if (truncation.maxBytes <= 0) return;
    commits.run(() => truncation.truncateRun(runId)).catch((err: unknown) => logger.error({ err, runId }, 'could not truncate large step payloads'));
  };

  return {
    observer,
    metrics,
    readiness,
    sweeper,
    maintenance,
    /** For createApp: `/readyz` and `/metrics`. */
    health: { readiness, metrics, metricsToken: o.metricsToken },
    /** Authenticated API routers, mounted under /api/<key>. */
    apiRouters: {
      system: createSystemRouter({ storage, sweep: () => sweeper.sweepOnce(), maintain: () => maintenance.tick() }),
      queue: createQueueRouter({ perWorkflow: () => queueStats.perWorkflow(), now }),
    },
    wrapStore: (store: ExecutionStore) => observeExecutionStore(store, { observer, logger, afterFinish }),
    wrapRunStep: (runStep: RunStep) => observeRunStep(runStep, { observer, logger }),
    wrapAccept: (accept: AcceptEvent) => observeAccept(accept, observer),
    wrapHandler: (handler: RequestListener) => observeHttp(handler, observer),
    /** Starts the periodic sweeper and upkeep. */
    start(): void {
      sweeper.start(o.sweepIntervalMs);
      maintenance.start(o.maintenanceIntervalMs);
    },
    async stop(): Promise<void> {
      await maintenance.stop();
      await sweeper.stop();
    },
  };
}
export type Ops = ReturnType<typeof createOps>;
