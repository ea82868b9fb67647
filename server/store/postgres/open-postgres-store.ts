import type { Store } from '../ports/store.js';
import { runPostgresMigrations } from './migrate.js';
import { createPostgresPool, type PostgresOptions } from './pool.js';
import { createPostgresStore } from './create-postgres-store.js';

/** A store over PostgreSQL and how to let go of it. */
export interface OpenedPostgresStore {
  store: Store;
  /** Ends every pooled connection; call once nothing uses the store any more. */
  close(): Promise<void>;
}

/**
 * Opens the PostgreSQL store for `DATABASE_URL=postgres://...`: connects, applies pending
 * migrations (once across every process starting at the same time) and builds the store.
 * Not wired into the composition root yet (docs/scale-out.md).
 */
export async function openPostgresStore(url: string, options: Omit<PostgresOptions, 'url'> = {}): Promise<OpenedPostgresStore> {
  const pool = createPostgresPool({ ...options, url });
  try {
    await runPostgresMigrations(pool, { schema: options.schema });
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { store: createPostgresStore(pool), close: () => pool.end() };
}

/** Whether a `DATABASE_URL` names PostgreSQL (and so selects this store over embedded SQLite). */
export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//i.test(url);
