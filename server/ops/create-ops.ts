import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/ports/store.js';
import type { ExecutionStore } from '../executor/execution-store.js';
import type { RunStep } from '../executor/run-step.js';
import type { AcceptEvent } from '../ingest/accept-event.js';
import type { EndpointView } from '../delivery/endpoint-health.js';
import { createMetrics } from '../metrics/prom-metrics.js';
import { observeAccept, observeHttp } from '../metrics/instrument-edges.js';
import { observeExecutionStore, observeRunStep } from '../metrics/instrument-executor.js';
import { createQueueRouter } from '../http/queue.routes.js';
import { createSystemRouter } from '../http/system.routes.js';
import { createReadiness } from './readiness.js';
import { policyFor } from './retention-policy.js';
import { createRetentionSweeper } from './retention-sweeper.js';
import { createMaintenance } from './storage-maintenance.js';
import { createStorageReport } from './storage-report.js';

export interface OpsDeps {
  config: Config;
  store: Pick<Store, 'workflows' | 'jobs' | 'retention' | 'stats' | 'maintenance' | 'datastore'>;
  clock: Clock;
  logger: Logger;
  /** Live views of parts built later (read only when scraped or probed). */
  live: {
    sandbox: () => { processes: number; restarts: number; busy: number; queued: number; available: boolean } | undefined;
    endpoints: () => readonly EndpointView[];
    /** The runs this process executes: how many, and about how many bytes of trigger data they hold. */
    workers: () => { activeRuns: number; heldBytes: number };
  };
}

/**
 * Operations in one place for the composition root: metrics (an observer plus wrappers that
 * feed it), readiness, retention, payload truncation, storage upkeep and their routes.
 */
export function createOps(d: OpsDeps) {
  const { config, store, clock, logger } = d;
  const o = config.ops;
  const now = () => clock.now();

  const metrics = createMetrics({
    queue: async () => {
      const [due, depth] = await Promise.all([store.stats.queueDue(now()), store.jobs.depth()]);
      return { depth, due: due.n, oldestDueAt: due.oldestAt };
    },
    activeRuns: () => store.stats.activeRuns(),
    endpoints: () => {
      const counts = new Map<string, number>();
      for (const e of d.live.endpoints()) counts.set(e.state, (counts.get(e.state) ?? 0) + 1);
      return [...counts].map(([status, n]) => ({ status, n }));
    },
    sandbox: () => d.live.sandbox(),
    storage: () => store.stats.storageSize(),
    executing: () => d.live.workers().activeRuns,
    executingBytes: () => d.live.workers().heldBytes,
    now,
  });
  const observer = metrics.observer;

  const policyOf = async (workflowId: string) => {
    const wf = await store.workflows.get(workflowId);
    const own = wf ? (await store.workflows.getVersion(workflowId, wf.currentVersion))?.definition.settings.retention : undefined;
    return policyFor(o.retention, own);
  };
  const sweeper = createRetentionSweeper({ store, clock, logger, policyOf, onSwept: (r) => observer.retentionSwept(r.runs, r.events) });
  const maintenance = createMaintenance({ store, clock, logger });
  const readiness = createReadiness({
    store,
    now,
    stallMs: o.stallMs,
    sandbox: () => d.live.sandbox(),
    executing: () => d.live.workers().activeRuns,
  });
  const storage = createStorageReport({
    store,
    now,
    retention: o.retention,
    stepPayloadMaxBytes: o.stepPayloadMaxBytes,
    lastSweep: () => sweeper.last,
    lastMaintenance: () => maintenance.last,
  });

  const afterFinish = (runId: string, largestPayload: number | undefined) => {
    // The run's end told the largest payload (one statement on PostgreSQL): nothing over the cap, nothing to probe.
    if (o.stepPayloadMaxBytes <= 0 || (largestPayload !== undefined && largestPayload <= o.stepPayloadMaxBytes)) return;
    store.retention.truncateStepPayloads(runId, o.stepPayloadMaxBytes).catch((err: unknown) => logger.error({ err, runId }, 'could not truncate large step payloads'));
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
      queue: createQueueRouter({ perWorkflow: () => store.stats.perWorkflow(), now }),
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
