import { loadConfig } from '../config.js';
import { openDatabase } from '../store/sqlite/database.js';
import { createCommitQueue } from '../store/sqlite/commit-queue.js';
import { createSqliteStore } from '../store/sqlite/create-sqlite-store.js';
import { systemClock } from '../lib/clock.js';
import { authServiceFor } from '../services/auth-service.js';
import { createWorkflowService } from '../services/workflow-service.js';
import { createRunService } from '../services/run-service.js';
import { createTriggerResolver } from '../ingest/trigger-resolver.js';
import { createVersionCache } from '../executor/run-state.js';

/**
 * Opens the data dir's database for a CLI command (safe while the server runs: WAL and a busy
 * timeout), hands the services to `work`, and closes it. No workers, no sandbox.
 */
export async function withStore<T>(work: (s: ReturnType<typeof services>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = openDatabase(config.dbFile);
  try {
    return await work(services(db, config));
  } finally {
    db.close();
  }
}

function services(db: ReturnType<typeof openDatabase>, config: ReturnType<typeof loadConfig>) {
  const commits = createCommitQueue(db);
  const store = createSqliteStore(db, commits);
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
