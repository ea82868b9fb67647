import { openDatabase, vacuumOnDisk } from '../store/sqlite/database.js';
import { lockDataDir } from '../lib/data-dir.js';
import { readStorage } from '../store/sqlite/storage-upkeep.js';

/**
 * `switchyard vacuum`: rewrites the database file (VACUUM), giving back every free page and
 * switching an older file to incremental auto-vacuum. Needs the server stopped: it takes the
 * data dir's lock, and a VACUUM blocks writers for its whole duration.
 */
export function vacuumDatabase(o: { dataDir: string; dbFile: string }): { before: number; after: number; autoVacuum: string } {
  const unlock = lockDataDir(o.dataDir);
  const db = openDatabase(o.dbFile);
  try {
    const before = readStorage(db, o.dbFile).dbBytes;
    db.pragma('auto_vacuum = INCREMENTAL');
    vacuumOnDisk(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const after = readStorage(db, o.dbFile);
    return { before, after: after.dbBytes, autoVacuum: after.autoVacuum };
  } finally {
    db.close();
    unlock();
  }
}
