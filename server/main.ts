import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './store/sqlite/database.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createLogger } from './lib/logger.js';
import { loadSecretKey } from './lib/data-dir.js';
import { openConfiguredStore, type SqliteParts } from './scale/open-store.js';
import { wireCrossProcess } from './scale/cross-process.js';
import { createLeaderDuties } from './scale/leader-duties.js';
import { listenForReplies, shareReplies } from './scale/shared-replies.js';
import { shareTestListeners } from './scale/shared-test-events.js';
import { createProcessShares } from './scale/process-shares.js';
import { createTriggerResolver } from './ingest/trigger-resolver.js';
import { createAcceptEvent } from './ingest/accept-event.js';
import { createPauseService } from './services/pause-service.js';
import { createResumeService } from './waits/resume-service.js';
import { createResumeRouter, whoIsFromSession } from './http/resume.routes.js';
import { createIngestHandler } from './ingest/ingest-handler.js';
import { createBacklogGate } from './ingest/backlog-gate.js';
import { createWaiters } from './ingest/trigger-waiters.js';
import type { RunReply } from './engine/step-types.js';
import type { CapturedEvent } from './ingest/captured-event.js';
import { createVersionCache } from './executor/run-state.js';
import { buildExecutor } from './executor/build-executor.js';
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
import { createOps } from './ops/create-ops.js';
import { parseEgressAllowList } from './delivery/egress-allow-list.js';
import { createLiveAllowList } from './delivery/live-allow-list.js';
import { createEgressSettings } from './services/egress-settings.js';
import { createSettingsRouter } from './http/settings.routes.js';
import { createBundleRouter } from './http/bundle.routes.js';
import { createTestStepRouter } from './http/test-step.routes.js';
import { createTestStep } from './services/test-step.js';
import { createOAuthCallbackRouter } from './http/oauth.routes.js';

export interface BuildOptions {
  clock?: Clock;
  logger?: Logger;
  /** Open this database instead of the one under DATA_DIR (tests). */
  db?: Db;
  /** Serve the editor from here instead of the built dist/client (tests). */
  clientDir?: string;
}

const sqliteOnly = (parts: SqliteParts | undefined): SqliteParts => {
  if (!parts) throw new Error('This Switchyard runs on PostgreSQL (DATABASE_URL): there is no SQLite database to reach.');
  return parts;
};

/**
 * The composition root: config -> store (SQLite, or PostgreSQL with DATABASE_URL) -> services ->
 * executor -> app. The store is built here once and each service gets the ports it needs; wiring
 * lives here and nowhere else (cli/with-store.ts is the CLI's smaller twin). Everything is built
 * whatever the roles; `startWorkers` starts what this process's roles run (server/scale/roles.ts).
 * In SQLite mode `db`, `commits` and `repos` reach the database directly (tests). Nothing listens
 * yet; `startSwitchyard` (start.ts) does that.
 */
export async function buildSwitchyard(config: Config, opts: BuildOptions = {}) {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger(config.logLevel, undefined, config.logFormat);
  // A clock moved by hand (tests) keeps deciding leases; the real one defers to the database's.
  const opened = await openConfiguredStore(config, { logger, db: opts.db, databaseClock: !opts.clock, roles: [...config.roles], checkpointThread: true });
  const { store, coordination } = opened;
  // With PostgreSQL the key comes from the environment (config.ts requires it): every process shares it.
  const secretKey = loadSecretKey(config.dataDir, config.secretKey);
  const roles = config.roles;
  const ops = createOps({ config, store, clock, logger, live: { sandbox: () => io.ops.sandbox(), endpoints: () => io.ops.endpoints(), workers: () => workers } });
  // EGRESS_ALLOW is the floor; the owner's entries from Settings join it at run time.
  const egress = createLiveAllowList(parseEgressAllowList(config.egressAllow));
  // Several processes: each applies its share of a rate limit, and breakers follow each other.
  const shares = createProcessShares(coordination, logger);
  const onCredentialsCommitted = () => crossProcess.afterCredentialsChanged();
  const io = await createIo({ config, logger, store, clock, secretKey, observer: ops.observer, egressAllow: egress.current, onCredentialsCommitted, shared: shares.delivery });

  // Requests waiting for a Respond step wait here (web); runs answer through `sharedReplies` (worker), which reaches them in any process.
  const replies = createWaiters<RunReply>();
  const sharedReplies = shareReplies(replies, coordination, logger);
  const stopReplies = roles.has('web') ? listenForReplies(replies, coordination) : () => undefined;
  // The editor's test listener waits in the web process that took its request; the test event may reach another (shared-test-events.ts).
  const listeners = shareTestListeners(createWaiters<CapturedEvent>(), coordination, logger);
  const resolver = createTriggerResolver({ store, defaultConcurrency: config.workflowConcurrency, defaultRateLimit: config.ingress.defaultRateLimit, clock });
  const guards = createTriggerGuards({ store, clock, ingress: config.ingress, counter: io.rejections, share: shares.trigger });
  const versions = createVersionCache(store.workflows);
  const { links, workers, executeOneStep, fresh } = buildExecutor({
    config,
    store,
    io,
    ops,
    clock,
    logger,
    versions,
    secretKey,
    replies: sharedReplies,
    afterQueued: () => crossProcess.afterQueued(),
    afterCancelled: (id) => crossProcess.afterCancelled(id),
  });
  const schedules = createSchedules({ store, clock, logger, defaultConcurrency: config.workflowConcurrency, onQueued: () => crossProcess.afterQueued() });
  const crossProcess = wireCrossProcess({
    coordination,
    logger,
    wakeWorkers: roles.has('worker') ? () => workers.wake() : undefined,
    abortRun: roles.has('worker') ? (id) => workers.abortRun(id) : undefined,
    workflowChanged: roles.has('scheduler') ? (id) => schedules.changed(id) : undefined,
    reloadCredentials: () => io.reloadCredentials(),
    reloadSettings: () => egressSettings.load(),
  });
  const wake = () => crossProcess.afterQueued();
  // The leader's duties: retention and storage upkeep (ops), then the scheduler.
  const leader = createLeaderDuties({ coordination, logger, duties: [ops, schedules] });

  const accept = createAcceptEvent(store, fresh);

  const auth = authServiceFor(store, { clock, publicUrl: config.publicUrl, access: config.access });
  const egressSettings = createEgressSettings({
    store: opened.egressSettings({ clock, recordAudit: (e) => sqliteOnly(opened.sqlite).repos.audit.insert(auth.audit.entry(e)) }),
    live: egress,
    logger,
    onChanged: () => io.renewOutboundConnections(),
  });
  await egressSettings.load();
  const pauses = createPauseService({ holds: store.holds, clock, logger, onQueued: wake });
  const workflowService = createWorkflowService({
    store,
    resolver,
    clock,
    publicUrl: config.publicUrl,
    checkExpression: io.checkExpression,
    onChanged: (id) => crossProcess.afterWorkflowChanged(id),
    pauses,
  });
  const runService = createRunService({
    store,
    versions,
    clock,
    defaultConcurrency: config.workflowConcurrency,
    onQueued: wake,
    onCancelled: (id) => (crossProcess.afterCancelled(id), ops.observer.runFinished('cancelled')),
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
    then: [
      io.apiRouters.workflows,
      createBundleRouter({ workflows: workflowService, variables: store.variables, clock }),
      createTestStepRouter({ testStep: createTestStep({ store, versions, sample: (id) => testEvents.sample(id), executeOneStep, variables: () => io.variables.values() }) }),
    ].filter((r) => r !== undefined),
  });
  const { handler, express } = createApp({
    logger,
    authLayer: createAuthLayer({
      auth,
      clock,
      logger,
      publicUrl: config.publicUrl,
      corsOrigins: config.access.corsOrigins,
      auditTargets: auditTargetsOver(store, (name) => io.variables.meta(name)),
      clientAddress: guards.clientAddress,
    }),
    workflows: { service: workflowService, store, testEvents, clock, pauses },
    resume: createResumeRouter({
      resumes: createResumeService({ store, links, clock, onResumed: wake }),
      whoIs: whoIsFromSession(auth),
    }),
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
      settings: createSettingsRouter({ egress: { ...egressSettings, update: (entries, actor) => egressSettings.update(entries, actor).finally(() => crossProcess.afterSettingsChanged()) } }),
    },
  });

  return {
    handler: ops.wrapHandler(handler),
    /** The Express app behind /api (tests walk its routes). */
    express,
    ops,
    /** SQLite mode only (throws on PostgreSQL): the database, its commit queue and repositories. */
    get db(): Db {
      return sqliteOnly(opened.sqlite).db;
    },
    get repos() {
      return sqliteOnly(opened.sqlite).repos;
    },
    get commits() {
      return sqliteOnly(opened.sqlite).commits;
    },
    store,
    storeKind: opened.kind,
    roles,
    workers,
    leader,
    auth,
    logger,
    /**
     * Starts what this process's roles run. Worker: takes back jobs whose holder is gone (SQLite:
     * every lease, this process owns the database alone; PostgreSQL: only expired leases, the
     * others belong to live workers elsewhere), then executes. Web: the backlog gate of trigger
     * URLs. Scheduler: competes for leadership; the leader runs schedules, retention and upkeep.
     */
    async startWorkers() {
      if (roles.has('worker')) {
        if (coordination.shared) await store.jobs.reclaimExpiredLeases(clock.now());
        else await store.jobs.reclaimOthersLeases(workers.owner, clock.now());
        workers.start();
        // A release a stopped server left half done: its events are still held, each starts once.
        void pauses.releaseLeftovers().catch((err: unknown) => logger.error({ err }, 'could not release held events left by a restart'));
      }
      if (roles.has('web')) await backlog.start();
      if (roles.has('scheduler')) await leader.start();
    },
    async close(graceMs = 10_000) {
      await leader.stop();
      backlog.stop();
      await workers.stop(graceMs);
      crossProcess.close();
      stopReplies();
      listeners.close();
      shares.close();
      await guards.close();
      await io.close();
      await opened.close();
    },
  };
}
export type Switchyard = Awaited<ReturnType<typeof buildSwitchyard>>;
