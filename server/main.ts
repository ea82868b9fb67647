import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { openDatabase, type Db } from './store/sqlite/database.js';
import { createCommitQueue } from './store/sqlite/commit-queue.js';
import { createSqliteStore } from './store/sqlite/create-sqlite-store.js';
import { openWalSync } from './store/sqlite/open-wal-sync.js';
import { convertToIncrementalVacuum } from './store/sqlite/storage-upkeep.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createLogger, wantsHumanOutput } from './lib/logger.js';
import { lockDataDir, loadSecretKey } from './lib/data-dir.js';
import { createTriggerResolver } from './ingest/trigger-resolver.js';
import { createAcceptEvent } from './ingest/accept-event.js';
import { createIngestHandler } from './ingest/ingest-handler.js';
import { createBacklogGate } from './ingest/backlog-gate.js';
import { createWaiters } from './ingest/trigger-waiters.js';
import type { RunReply } from './engine/step-types.js';
import type { CapturedEvent } from './ingest/captured-event.js';
import { createVersionCache } from './executor/run-state.js';
import { createExecutionStore } from './executor/execution-store.js';
import { createRunStep } from './executor/run-step.js';
import { createExecuteRun } from './executor/execute-run.js';
import { createWorkerPool } from './executor/worker-pool.js';
import { createRunners } from './runners/index.js';
import { authServiceFor } from './services/auth-service.js';
import { auditTargetsOver } from './services/audit-sources.js';
import { createAuthLayer } from './http/auth-layer.js';
import { createWorkflowService } from './services/workflow-service.js';
import { createRunService } from './services/run-service.js';
import { createTestEvents, TEST_RUN_PATH } from './services/test-events.js';
import { createApp } from './app.js';
import { createSchedules } from './scheduler/create-schedules.js';
import { createIo } from './io.js';
import { createTemplatesRouter } from './http/templates.routes.js';
import { createImportRouter } from './http/import.routes.js';
import { createTriggerGuards } from './ingest/trigger-guards.js';
import { createTriggerService } from './services/trigger-service.js';
import { createTriggersRouter } from './http/triggers.routes.js';
import { createHttpServer } from './http/http-server.js';
import { createOps } from './ops/create-ops.js';
import { createRunsStartedByRuns } from './services/child-runs-setup.js';
import { parseEgressAllowList } from './delivery/egress-allow-list.js';
import { createLiveAllowList } from './delivery/live-allow-list.js';
import { createEgressSettings } from './services/egress-settings.js';
import { createSqliteEgressSettingsStore } from './store/sqlite/egress-settings-store.js';
import { createSettingsRouter } from './http/settings.routes.js';
import { createOAuthCallbackRouter } from './http/oauth.routes.js';

const LEASE_MS = 30_000;

export interface BuildOptions {
  clock?: Clock;
  logger?: Logger;
  /** Open this database instead of the one under DATA_DIR (tests). */
  db?: Db;
  /** Serve the editor from here instead of the built dist/client (tests). */
  clientDir?: string;
}

/**
 * The composition root: config -> database -> store (ports over SQLite) -> services -> executor
 * -> app. The store is built here once and each service gets the ports it needs; wiring lives
 * here and nowhere else (cli/with-store.ts is the CLI's smaller twin). `db`, `commits` and
 * `store.repos` still reach the services not yet on ports (users, sessions, keys, invites and
 * audit: docs/architecture.md). Nothing listens yet; `startSwitchyard` does that.
 */
export async function buildSwitchyard(config: Config, opts: BuildOptions = {}) {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger(config.logLevel, undefined, config.logFormat);
  const db = opts.db ?? openDatabase(config.dbFile);
  const walSync = openWalSync(db, logger);
  const commits = createCommitQueue(db, { durable: walSync?.afterCommit });
  const store = createSqliteStore(db, commits);
  // The synchronous repositories of the callers not yet moved onto the store's ports.
  const repos = store.repos;
  const secretKey = loadSecretKey(config.dataDir, config.secretKey);
  // SQLite-specific upkeep at open: an old file gets incremental vacuum before anything else uses it.
  convertToIncrementalVacuum(db, config.dbFile, config.ops.vacuumConvertMaxBytes, logger);
  const ops = createOps({ config, store, clock, logger, live: { sandbox: () => io.ops.sandbox(), endpoints: () => io.ops.endpoints(), executing: () => workers.activeRuns } });
  // EGRESS_ALLOW is the floor; the owner's entries from Settings join it at run time.
  const egress = createLiveAllowList(parseEgressAllowList(config.egressAllow));
  const io = await createIo({ config, logger, store, clock, secretKey, observer: ops.observer, egressAllow: egress.current });

  const replies = createWaiters<RunReply>();
  const listeners = createWaiters<CapturedEvent>();
  const resolver = createTriggerResolver({ store, defaultConcurrency: config.workflowConcurrency, defaultRateLimit: config.ingress.defaultRateLimit, clock });
  const guards = createTriggerGuards({ store, clock, ingress: config.ingress, counter: io.rejections });
  const versions = createVersionCache(store.workflows);
  const byRuns = createRunsStartedByRuns({
    store,
    versions,
    clock,
    logger,
    publicUrl: config.publicUrl,
    defaultConcurrency: config.workflowConcurrency,
    wake: () => workers.wake(),
    abortRun: (id) => workers.abortRun(id),
  });
  const execution = ops.wrapStore(createExecutionStore({ store, hooks: byRuns.hooks }));
  const runStep = ops.wrapRunStep(
    createRunStep({
      runners: createRunners({ ...io.runners, subworkflow: byRuns.subworkflowRunner }),
      expressions: io.expressions,
      clock,
      random: Math.random,
      logger,
      replies,
      redact: io.redactor.redact,
    }),
  );
  const executeRun = createExecuteRun({ store: execution, versions, runStep, clock, logger, replies, leaseMs: LEASE_MS });
  const workers = createWorkerPool({ store: execution, executeRun, clock, logger, concurrency: config.workerConcurrency, leaseMs: LEASE_MS });
  const wake = () => workers.wake();
  const schedules = createSchedules({ store, clock, logger, defaultConcurrency: config.workflowConcurrency, onQueued: wake });

  const accept = createAcceptEvent(store);
  // The audit log names a credential by its name and type, never its sealed data.
  const credentialMeta = async (id: string) => {
    const c = await store.credentials.get(id);
    return c && { name: c.name, type: c.type };
  };
  const auth = authServiceFor(store, { clock, publicUrl: config.publicUrl, access: config.access });
  const egressSettings = createEgressSettings({
    store: createSqliteEgressSettingsStore({ db, commits, clock, recordAudit: (e) => repos.audit.insert(auth.audit.entry(e)) }),
    live: egress,
    logger,
    onChanged: () => io.renewOutboundConnections(),
  });
  await egressSettings.load();
  const workflowService = createWorkflowService({ store, resolver, clock, publicUrl: config.publicUrl, checkExpression: io.checkExpression, onChanged: schedules.changed });
  const runService = createRunService({
    store,
    versions,
    clock,
    defaultConcurrency: config.workflowConcurrency,
    onQueued: wake,
    onCancelled: (id) => (workers.abortRun(id), ops.observer.runFinished('cancelled')),
  });
  const testEvents = createTestEvents({
    store,
    versions,
    listeners,
    accept,
    clock,
    defaultConcurrency: config.workflowConcurrency,
    onQueued: wake,
    unfinishedTestRuns: (id) => store.runs.unfinishedFromPath(id, TEST_RUN_PATH),
    cancelRun: (id) => runService.cancel(id, 'Replaced by a newer test run of this workflow.'),
  });
  const backlog = createBacklogGate({
    limits: config.ingress.backlog,
    queuedJobs: async () => (await store.jobs.depth()).find((d) => d.status === 'queued')?.n ?? 0,
    clock,
    logger,
    onFull: () => ops.observer.backlogFull(),
  });
  const ingest = createIngestHandler({
    backlog,
    resolver,
    accept: ops.wrapAccept(accept),
    clock,
    logger,
    replies,
    listeners,
    onAccepted: wake,
    verifier: io.verifier,
    publicUrl: config.publicUrl,
    limiter: guards.limiter,
    onRejected: guards.inbox.record,
    clientAddress: guards.clientAddress,
  });
  const triggerService = createTriggerService({
    store,
    resolver,
    limiter: guards.limiter,
    rejections: io.rejections,
    clock,
    publicUrl: config.publicUrl,
    defaultRateLimit: config.ingress.defaultRateLimit,
  });
  const triggerRoutes = createTriggersRouter({
    triggers: triggerService,
    inbox: guards.list,
    stats: io.rejections,
    workflowExists: async (id) => (await store.workflows.get(id)) !== undefined,
    then: [io.apiRouters.workflows].filter((r) => r !== undefined),
  });
  const { handler, express } = createApp({
    logger,
    authLayer: createAuthLayer({
      auth,
      clock,
      logger,
      publicUrl: config.publicUrl,
      corsOrigins: config.access.corsOrigins,
      auditTargets: auditTargetsOver(store, credentialMeta),
      clientAddress: guards.clientAddress,
    }),
    workflows: { service: workflowService, store, testEvents, clock },
    runs: runService,
    ingest,
    clientDir: opts.clientDir ?? fileURLToPath(new URL('../client/', import.meta.url)),
    startedAt: clock.now(),
    health: ops.health,
    pages: [createOAuthCallbackRouter({ flow: io.oauthFlow, auth, publicUrl: config.publicUrl })],
    extraApiRouters: {
      ...io.apiRouters,
      ...ops.apiRouters,
      ...schedules.apiRouters,
      workflows: triggerRoutes,
      templates: createTemplatesRouter({ store, workflows: workflowService, checkExpression: io.checkExpression }),
      import: createImportRouter({ workflows: workflowService }),
      settings: createSettingsRouter({ egress: egressSettings }),
    },
  });

  return {
    handler: ops.wrapHandler(handler),
    /** The Express app behind /api (tests walk its routes). */
    express,
    ops,
    db,
    store,
    repos,
    commits,
    workers,
    auth,
    logger,
    /** Takes back jobs a dead predecessor held (per-process assumption: this process owns the database alone), then starts executing. */
    async startWorkers() {
      await store.jobs.reclaimOthersLeases(workers.owner, clock.now());
      workers.start();
      ops.start();
      await backlog.start();
      await schedules.start();
    },
    async close(graceMs = 10_000) {
      await ops.stop();
      backlog.stop();
      await schedules.stop();
      await workers.stop(graceMs);
      await guards.close();
      await io.close();
      walSync?.close();
      db.close();
    },
  };
}
export type Switchyard = Awaited<ReturnType<typeof buildSwitchyard>>;

/** Serves Switchyard on HOST:PORT until SIGTERM or SIGINT, then shuts down gracefully. */
export async function startSwitchyard(config: Config): Promise<{ server: Server; app: Switchyard; stop: () => Promise<void> }> {
  const unlock = lockDataDir(config.dataDir);
  const app = await buildSwitchyard(config);
  const server = createHttpServer(app.handler, config.ingress);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  await app.startWorkers();
  app.logger.info({ url: config.publicUrl, dataDir: config.dataDir }, 'Switchyard is ready');
  // For a person at a terminal: the one line to read among the logs. Never in a JSON stream.
  if (wantsHumanOutput(config.logFormat)) process.stdout.write(`Switchyard is ready: ${config.publicUrl}\n`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      app.logger.info('shutting down: no new requests; running steps get time to finish');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await app.close();
      server.closeAllConnections();
      await closed;
      unlock();
    })());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void stop().then(() => process.exit(0));
    });
  }
  return { server, app, stop };
}
