import { existsSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { lockDataDir } from '../lib/data-dir.js';
import { openDatabase } from '../store/sqlite/database.js';
import { createPostgresPool } from '../store/postgres/pool.js';
import { runPostgresMigrations } from '../store/postgres/migrate.js';
import { isPostgresUrl } from '../store/postgres/open-postgres-store.js';
import { copySqliteToPostgres, tablesWithRows, type TableCount } from '../store/copy/sqlite-to-postgres.js';
import { checkSealedKeys } from '../store/copy/sealed-key-check.js';

export interface MigrateOptions {
  to?: string;
  withoutHistory?: boolean;
}

const notEmpty = (tables: string[]) =>
  new Error(`The target PostgreSQL database is not empty (rows in: ${tables.join(', ')}). migrate-to-postgres copies into an empty database only: create a new one (createdb) and point --to at it.`);

/**
 * `switchyard migrate-to-postgres`: copies the SQLite installation in DATA_DIR into an empty
 * PostgreSQL database, in one transaction (a failure leaves the target as it was), and verifies
 * every table's count. Holds the data dir's lock: the SQLite server must be stopped.
 */
export async function migrateToPostgres(opts: MigrateOptions, print: (line: string) => void): Promise<TableCount[]> {
  const url = opts.to ?? process.env.DATABASE_URL;
  if (!isPostgresUrl(url)) throw new Error('Name the target database: --to postgres://user@host:5432/database (or DATABASE_URL).');
  const config = loadConfig({ ...process.env, DATABASE_URL: undefined, SWITCHYARD_ROLE: undefined });
  if (!existsSync(config.dbFile)) throw new Error(`No SQLite database at ${config.dbFile}: set DATA_DIR to the installation's data directory.`);
  const unlock = lockDataDir(config.dataDir);
  const db = openDatabase(config.dbFile);
  const pool = createPostgresPool({ url, max: 2 });
  try {
    const sealed = checkSealedKeys(db, config.dataDir, config.secretKey);
    const client = await pool.connect();
    try {
      const full = await tablesWithRows(client);
      if (full.length) throw notEmpty(full);
      await runPostgresMigrations(pool);
      await client.query('BEGIN');
      try {
        // Again inside the transaction: another process may have written since the first look.
        const raced = await tablesWithRows(client);
        if (raced.length) throw notEmpty(raced);
        const counts = await copySqliteToPostgres({
          db,
          client,
          withHistory: !opts.withoutHistory,
          onTable: (c) => print(`  ${c.table.padEnd(26)} ${String(c.target).padStart(8)}`),
        });
        await client.query('COMMIT');
        const rows = counts.reduce((sum, c) => sum + c.target, 0);
        print(`Copied ${rows} row(s) in ${counts.length} table(s) from ${config.dbFile}${opts.withoutHistory ? ' (finished runs left out)' : ''}; every count in PostgreSQL equals SQLite's.`);
        print(`${sealed} sealed value(s) copied as they are: start every process with DATABASE_URL and this SWITCHYARD_SECRET_KEY.`);
        return counts;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
    db.close();
    unlock();
  }
}
