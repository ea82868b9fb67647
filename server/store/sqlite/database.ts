import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { computedOnce } from '../../lib/computed-once.js';
import { migrations, type Migration } from './migrations/index.js';

export type Db = Database.Database;

/**
 * Opens (or creates) the SQLite file with the settings durability needs: WAL with
 * synchronous=FULL, so an acknowledged write survives power loss, and a busy timeout
 * so the CLI can write while the server runs.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const addon = builtAddon();
  const db = new Database(file, addon ? { nativeBinding: addon } : {});
  // Before anything writes the header (switching to WAL does): a new file then has incremental
  // vacuum from the start; older files are converted once by server/ops/storage-maintenance.ts.
  if (db.pragma('auto_vacuum', { simple: true }) !== 2) db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // The commit queue runs each unit of work in a savepoint, so every page a unit changes is first
  // copied to the statement journal. Past 64 KB that journal spills to a temporary file, and every
  // copy became a write system call on the event loop (4.5 % of the server's CPU under load). It
  // only serves to undo one unit inside an open transaction (the WAL keeps crash safety), so memory
  // is enough; temporary tables and sorts live there too, bounded by the queries the server makes.
  db.pragma('temp_store = MEMORY');
  runMigrations(db);
  return db;
}

/**
 * better-sqlite3 finds its native addon through the `bindings` package, which tries a dozen
 * places (a few ms of a start). npm builds it in one place, so the first open names that file.
 * With any other layout, better-sqlite3 looks for the addon itself.
 */
const builtAddon = computedOnce((): string | undefined => {
  try {
    const file = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
});

/**
 * VACUUM with its temporary copy on disk: it rebuilds the whole database in a temporary database,
 * which `temp_store = MEMORY` (openDatabase) would hold in memory, a gigabyte for a gigabyte file.
 */
export function vacuumOnDisk(db: Db): void {
  db.pragma('temp_store = FILE');
  try {
    db.exec('VACUUM');
  } finally {
    db.pragma('temp_store = MEMORY');
  }
}

/** Applies every migration newer than the stored `user_version`, each in its own transaction. */
export function runMigrations(db: Db, list: readonly Migration[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  let applied = 0;
  for (const m of list) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied++;
  }
  return applied;
}
