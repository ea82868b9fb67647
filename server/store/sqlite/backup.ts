import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { inspectDatabase, type DatabaseFacts } from './db-inspect.js';

export interface BackupResult extends DatabaseFacts {
  file: string;
  bytes: number;
}

/**
 * `switchyard backup FILE`: SQLite's online backup from a connection of its own to the live
 * database, so it works while the server runs (WAL: the server keeps writing; the copy is
 * the database as of one moment, taken in one step so no write can restart it). The copy is
 * written beside FILE, checked, made a single self-contained file, then renamed into place.
 */
export async function backupDatabase(o: { dbFile: string; target: string }): Promise<BackupResult> {
  const target = resolve(o.target);
  if (!existsSync(o.dbFile)) throw new Error(`There is no database at ${o.dbFile} (check DATA_DIR).`);
  if (existsSync(target)) throw new Error(`${target} exists already; choose a new file name (a backup never overwrites).`);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const source = new Database(o.dbFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // The first step reports the size; then everything is copied in one step: one read snapshot.
    await source.backup(partial, { progress: () => 0x7fffffff });
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    source.close();
  }
  let facts: DatabaseFacts;
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
    facts = inspectDatabase(copy, 'The backup');
  } finally {
    copy.close();
  }
  renameSync(partial, target);
  return { file: target, bytes: statSync(target).size, ...facts };
}
