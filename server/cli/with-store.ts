import { pino } from 'pino';
import { loadConfig, type Config } from '../config.js';
import type { Store } from '../store/ports/store.js';
import { openConfiguredStore } from '../scale/open-store.js';
import { systemClock } from '../lib/clock.js';
import { authServiceFor } from '../services/auth-service.js';
import { createWorkflowService } from '../services/workflow-service.js';
import { createRunService } from '../services/run-service.js';
import { createTriggerResolver } from '../ingest/trigger-resolver.js';
import { createVersionCache } from '../executor/run-state.js';

/** CLI commands print their own results; store-level logs stay out of the way. */
export const silentLogger = pino({ level: 'silent' });

/**
 * Opens the configured store for a CLI command (the data dir's SQLite file, safe while the server
 * runs: WAL and a busy timeout; or PostgreSQL with DATABASE_URL), hands the services to `work`,
 * and closes it. No workers, no sandbox.
 */
export async function withStore<T>(work: (s: ReturnType<typeof services>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const opened = await openConfiguredStore(config, { logger: silentLogger, databaseClock: true });
  try {
    return await work(services(opened.store, config));
  } finally {
    await opened.close();
  }
}

function services(store: Store, config: Config) {
  const clock = systemClock;
  const resolver = createTriggerResolver({ store, defaultConcurrency: config.workflowConcurrency });
  const versions = createVersionCache(store.workflows);
  return {
    store,
    auth: authServiceFor(store, { clock, publicUrl: config.publicUrl, access: config.access }),
    workflowService: createWorkflowService({ store, resolver, clock, publicUrl: config.publicUrl }),
    runService: createRunService({ store, versions, clock, defaultConcurrency: config.workflowConcurrency, onQueued: () => undefined }),
  };
}
