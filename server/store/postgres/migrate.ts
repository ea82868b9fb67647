import type pg from 'pg';
import { checkSchemaName } from './pool.js';
import { postgresMigrations, type PostgresMigration } from './migrations/index.js';

// One number for "the schema is being changed", the same in every process of an installation:
// whoever holds it applies the pending migrations; everyone else waits and then finds none.
const MIGRATION_LOCK = 0x5359_4d49; // 'SYMI'

/**
 * Applies every migration not yet recorded in `schema_migrations`, each in its own
 * transaction, under a session advisory lock: several processes starting at once apply each
 * migration exactly once. Returns how many this call applied.
 */
export async function runPostgresMigrations(pool: pg.Pool, o: { schema?: string; list?: readonly PostgresMigration[] } = {}): Promise<number> {
  const list = o.list ?? postgresMigrations;
  const client = await pool.connect();
  let applied = 0;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      // The pool's search_path names the schema; it is created here, under the lock, when missing.
      if (o.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${checkSchemaName(o.schema)}`);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      for (const m of list) {
        if (done.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`PostgreSQL migration ${m.version} (${m.name}) failed`, { cause: error });
        }
        applied++;
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
  return applied;
}
