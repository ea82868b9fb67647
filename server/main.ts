import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { openDatabase, type Db } from './db/database.js';
import { createRepos } from './repos.js';
import { createCommitQueue } from './store/commit-queue.js';
import { openWalSync } from './store/open-wal-sync.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createLogger } from './lib/logger.js';
import { lockDataDir, loadSecretKey } from './lib/data-dir.js';
import { createTriggerResolver } from './ingest/trigger-resolver.js';
import { createAcceptEvent } from './ingest/accept-event.js';
import { createIngestHandler } from './ingest/ingest-handler.js';
import { createWaiters, type RunReply } from './ingest/trigger-waiters.js';
import type { CapturedEvent } from './ingest/captured-event.js';
import { createVersionCache } from './executor/run-state.js';
import { createSqliteExecutionStore } from './executor/execution-store.js';
import { createRunStep } from './executor/run-step.js';
import { createExecuteRun } from './executor/execute-run.js';
import { createWorkerPool } from './executor/worker-pool.js';
import { createRunners } from './runners/index.js';
import { createAuthService } from './services/auth-service.js';
import { createWorkflowService } from './services/workflow-service.js';
import { createRunService } from './services/run-service.js';
import { createTestEvents } from './services/test-events.js';
import { createApp } from './app.js';
import { createIo } from './io.js';

const LEASE_MS = 30_000;

export interface BuildOptions {
  clock?: Clock;
  logger?: Logger;
  /** Open this database instead of the one under DATA_DIR (tests). */
  db?: Db;
}

/**
 * The composition root: config -> database -> repositories -> services -> executor -> app.
 * Wiring lives here and nowhere else. Nothing listens yet; `startSwitchyard` does that.
 */
export async function buildSwitchyard(config: Config, opts: BuildOptions = {}) {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger(config.logLevel);
  const db = opts.db ?? openDatabase(config.dbFile);
  const repos = createRepos(db);
  const walSync = openWalSync(db, logger);
  const commits = createCommitQueue(db, { durable: walSync?.afterCommit });
  const secretKey = loadSecretKey(config.dataDir, config.secretKey);
  const io = await createIo({ config, logger, db, clock, secretKey });

  const replies = createWaiters<RunReply>();
  const listeners = createWaiters<CapturedEvent>();
  const resolver = createTriggerResolver({ triggers: repos.triggers, workflows: repos.workflows, defaultConcurrency: config.workflowConcurrency });
  const versions = createVersionCache(repos.workflows);
  const store = createSqliteExecutionStore({ commits, ...repos });
  const runStep = createRunStep({ runners: createRunners(io.runners), expressions: io.expressions, clock, random: Math.random, logger, replies, redact: io.redactor.redact });
  const executeRun = createExecuteRun({ store, versions, runStep, clock, logger, replies, leaseMs: LEASE_MS });
  const workers = createWorkerPool({ store, executeRun, clock, logger, concurrency: config.workerConcurrency, leaseMs: LEASE_MS });
  const wake = () => workers.wake();

  const accept = createAcceptEvent({ commits, ...repos });
  const auth = createAuthService({ users: repos.users, commits, clock });
  const workflowService = createWorkflowService({ workflows: repos.workflows, triggers: repos.triggers, commits, resolver, clock, publicUrl: config.publicUrl, checkExpression: io.checkExpression });
  const runService = createRunService({ ...repos, versions, commits, clock, defaultConcurrency: config.workflowConcurrency, onQueued: wake, onCancelled: (id) => workers.abortRun(id) });
  const testEvents = createTestEvents({ ...repos, versions, listeners, accept, clock, defaultConcurrency: config.workflowConcurrency, onQueued: wake });
  const ingest = createIngestHandler({ resolver, accept, clock, logger, replies, listeners, onAccepted: wake, verifier: io.verifier, publicUrl: config.publicUrl });
  const { handler } = createApp({
    logger,
    auth,
    workflows: { service: workflowService, workflows: repos.workflows, runs: repos.runs, testEvents, clock },
    runs: runService,
    jobs: repos.jobs,
    ingest,
    clientDir: fileURLToPath(new URL('../client/', import.meta.url)),
    secureCookies: config.publicUrl.startsWith('https:'),
    startedAt: clock.now(),
    extraApiRouters: io.apiRouters,
  });

  return {
    handler,
    db,
    repos,
    commits,
    workers,
    auth,
    logger,
    /** Takes back jobs a dead predecessor held (this process owns the database alone), then starts executing. */
    async startWorkers() {
      await commits.run(() => repos.jobs.reclaimOthers(workers.owner, clock.now()));
      workers.start();
    },
    async close(graceMs = 10_000) {
      await workers.stop(graceMs);
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
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 }, app.handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  await app.startWorkers();
  app.logger.info({ url: config.publicUrl, dataDir: config.dataDir }, 'Switchyard is ready');

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
