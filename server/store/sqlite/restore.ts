import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { openDatabase } from './database.js';
import { lockDataDir } from '../../lib/data-dir.js';
import { inspectDatabase, type DatabaseFacts } from './db-inspect.js';

export interface RestoreResult extends DatabaseFacts {
  /** Where the database that was there before now is (null when there was none). */
  keptAs: string | null;
  /** The backup's own schema version (the restored database is migrated to this build's). */
  backupVersion: number;
}

/** A name for the previous database that sorts by time and never collides. */
const asideName = (dbFile: string, now: Date) => `${dbFile}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;

/**
 * `switchyard restore FILE`: replaces the data dir's database with a backup. Refuses while a
 * server holds the data dir; checks the backup first (a SQLite file, Switchyard's tables, a
 * schema this build knows, intact); moves the current database aside rather than deleting it;
 * then copies the backup in and migrates it to this build's schema.
 */
export async function restoreDatabase(o: { dataDir: string; dbFile: string; source: string; now: Date }): Promise<RestoreResult> {
  if (!existsSync(o.source)) throw new Error(`There is no file ${o.source}.`);
  const unlock = lockDataDir(o.dataDir);
  try {
    const src = new Database(o.source, { readonly: true, fileMustExist: true });
    try {
      const checked = inspectDatabase(src, o.source);
      let keptAs: string | null = null;
      if (existsSync(o.dbFile)) {
        // Closing the only connection folds the WAL into the file, so one file holds it all.
        new Database(o.dbFile).close();
        keptAs = asideName(o.dbFile, o.now);
        renameSync(o.dbFile, keptAs);
        for (const suffix of ['-wal', '-shm']) if (existsSync(o.dbFile + suffix)) renameSync(o.dbFile + suffix, keptAs + suffix);
      }
      await src.backup(o.dbFile);
      const db = openDatabase(o.dbFile);
      try {
        return { ...inspectDatabase(db, 'The restored database'), keptAs, backupVersion: checked.userVersion };
      } finally {
        db.close();
      }
    } finally {
      src.close();
    }
  } finally {
    unlock();
  }
}
