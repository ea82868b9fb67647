import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import type { AuditInput } from '../services/audit-service.js';
import type { Store } from '../store/ports/store.js';
import type { Coordination } from '../store/ports/coordination.js';
import type { EgressSettingsStore } from '../store/ports/settings.js';
import { openDatabase, type Db } from '../store/sqlite/database.js';
import { createCommitQueue, type CommitQueue } from '../store/sqlite/commit-queue.js';
import { createSqliteStore, type Repos } from '../store/sqlite/create-sqlite-store.js';
import { openWalSync } from '../store/sqlite/open-wal-sync.js';
import { createWalCheckpointer } from '../store/sqlite/wal-checkpointer.js';
import { convertToIncrementalVacuum } from '../store/sqlite/storage-upkeep.js';
import { createSqliteEgressSettingsStore } from '../store/sqlite/egress-settings-store.js';
import { createLocalCoordination } from '../store/local-coordination.js';

/** The SQLite database behind the store (tests and the services not yet on ports read it directly). */
export interface SqliteParts {
  db: Db;
  commits: CommitQueue;
  repos: Repos;
}

/** The store the configuration selects, with what goes with it. */
export interface OpenedStore {
  kind: 'sqlite' | 'postgres';
  store: Store;
  /** Notices between the processes sharing the database, and who leads (local in SQLite mode). */
  coordination: Coordination;
  egressSettings(d: { clock: Clock; recordAudit: (entry: AuditInput) => void }): EgressSettingsStore;
  /** Only in SQLite mode. */
  sqlite?: SqliteParts;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  logger: Logger;
  /** Open this SQLite database instead of the one under DATA_DIR (tests). */
  db?: Db;
  /** Leases on the database's clock (PostgreSQL); off when tests move a clock by hand. */
  databaseClock: boolean;
  /** The server's roles, counted by the other processes (rate shares); a CLI command gives none and is not counted. */
  roles?: readonly string[];
  /** SQLite: checkpoint the WAL in a thread of its own once it grows (the server; a CLI command does not). */
  checkpointThread?: boolean;
}

/**
 * DATABASE_URL=postgres://... opens PostgreSQL (migrated under its advisory lock), shared by every
 * process of the deployment; otherwise the SQLite file in DATA_DIR, with its own upkeep at open
 * (WAL sync to disk, conversion to incremental vacuum), which PostgreSQL does not need.
 */
export async function openConfiguredStore(config: Config, o: OpenStoreOptions): Promise<OpenedStore> {
  if (config.databaseUrl) {
    // Loaded only here: SQLite mode never evaluates pg (its start-up checks cost about 100 ms).
    const { openPostgresStore } = await import('../store/postgres/open-postgres-store.js');
    const pg = await openPostgresStore(config.databaseUrl, {
      databaseClock: o.databaseClock,
      startBatch: config.pgStartBatch,
      runBatch: config.pgRunBatch,
      onError: (err) => o.logger.warn({ err }, 'an idle PostgreSQL connection failed; the pool opens a new one'),
    });
    const coordination = pg.coordinate({ onProblem: (what, err) => o.logger.warn({ err }, what), roles: o.roles });
    return {
      kind: 'postgres',
      store: pg.store,
      coordination,
      // The PostgreSQL settings store writes its audit entry itself, in the change's transaction.
      egressSettings: ({ clock }) => pg.egressSettings(clock),
      async close() {
        await coordination.close();
        await pg.close();
      },
    };
  }
  const db = o.db ?? openDatabase(config.dbFile);
  const walSync = openWalSync(db, o.logger);
  const commits = createCommitQueue(db, { durable: walSync?.afterCommit });
  const checkpointer = walSync && o.checkpointThread ? createWalCheckpointer({ db, commits, logger: o.logger, onMain: () => store.repos.upkeep.checkpoint() }) : undefined;
  const store = createSqliteStore(db, commits, { checkpoint: checkpointer?.truncate });
  // An old file gets incremental vacuum before anything else uses it (checkpointed on this connection).
  convertToIncrementalVacuum(db, config.dbFile, config.ops.vacuumConvertMaxBytes, o.logger);
  checkpointer?.start();
  const coordination = createLocalCoordination();
  return {
    kind: 'sqlite',
    store,
    coordination,
    egressSettings: ({ clock, recordAudit }) => createSqliteEgressSettingsStore({ db, commits, clock, recordAudit }),
    sqlite: { db, commits, repos: store.repos },
    async close() {
      await coordination.close();
      // Before the server's own connection: closed last, it folds the WAL into the file as it always did.
      await checkpointer?.close();
      walSync?.close();
      db.close();
    },
  };
}
