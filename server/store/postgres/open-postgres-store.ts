import type { Store } from '../ports/store.js';
import type { Coordination } from '../ports/coordination.js';
import type { EgressSettingsStore } from '../ports/settings.js';
import type { Clock } from '../../lib/clock.js';
import { runPostgresMigrations } from './migrate.js';
import { createPostgresPool, type PostgresOptions } from './pool.js';
import { createPostgresStore, type PostgresStoreOptions } from './create-postgres-store.js';
import { createPgCoordination, type PgCoordinationOptions } from './pg-coordination.js';
import { createPostgresEgressSettingsStore } from './egress-settings-store.js';

/** A store over PostgreSQL and how to let go of it. */
export interface OpenedPostgresStore {
  store: Store;
  /** NOTIFY/LISTEN between the processes sharing this database, and leader election (one per process). */
  coordinate(opts?: PgCoordinationOptions): Coordination;
  /** The egress allow-list's storage (ports/settings.ts). */
  egressSettings(clock: Clock): EgressSettingsStore;
  /** Ends every pooled connection; call once nothing uses the store any more. */
  close(): Promise<void>;
}

/**
 * Opens the PostgreSQL store for `DATABASE_URL=postgres://...`: connects, applies pending
 * migrations (once across every process starting at the same time) and builds the store.
 * `databaseClock`: leases are taken, renewed and reclaimed on the database's clock (the server
 * does it; several machines' clocks never decide between them). The contract suite leaves it off
 * and moves time by hand.
 */
export async function openPostgresStore(url: string, options: Omit<PostgresOptions, 'url'> & PostgresStoreOptions = {}): Promise<OpenedPostgresStore> {
  const pool = createPostgresPool({ ...options, url });
  try {
    await runPostgresMigrations(pool, { schema: options.schema });
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    store: createPostgresStore(pool, { databaseClock: options.databaseClock, startBatch: options.startBatch, runBatch: options.runBatch }),
    coordinate: (opts) => createPgCoordination(pool, { url, schema: options.schema }, opts),
    egressSettings: (clock) => createPostgresEgressSettingsStore({ pool, clock }),
    close: () => pool.end(),
  };
}

/** Whether a `DATABASE_URL` names PostgreSQL (and so selects this store over embedded SQLite). */
export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//i.test(url);
