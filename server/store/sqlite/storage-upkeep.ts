import { statSync } from 'node:fs';
import type { Logger } from 'pino';
import type { CheckpointResult } from '../ports/maintenance.js';
import type { StorageSnapshot } from '../ports/stats.js';
import { vacuumOnDisk, type Db } from './database.js';

const BUSY_TIMEOUT_MS = 5000;

const fileSize = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

const vacuumModes = ['none', 'full', 'incremental'] as const;

/** Reads sizes from the file system and two pragmas: cheap enough for every scrape. */
export function readStorage(db: Db, dbFile: string): StorageSnapshot {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const freePages = db.pragma('freelist_count', { simple: true }) as number;
  const mode = db.pragma('auto_vacuum', { simple: true }) as number;
  const onDisk = dbFile !== ':memory:' && dbFile !== '';
  return {
    dbBytes: onDisk ? fileSize(dbFile) : pageSize * (db.pragma('page_count', { simple: true }) as number),
    walBytes: onDisk ? fileSize(`${dbFile}-wal`) : 0,
    freeBytes: freePages * pageSize,
    pageSize,
    autoVacuum: vacuumModes[mode] ?? 'none',
  };
}

/**
 * Gives a database created without incremental auto-vacuum that mode. SQLite only changes it
 * with a full VACUUM (which cannot run inside a migration's transaction and rewrites the whole
 * file), so it is done once at start, before anything else uses the database, and only up to
 * `maxBytes`; a larger file is left alone with a warning (see docs/operations.md).
 */
export function convertToIncrementalVacuum(db: Db, dbFile: string, maxBytes: number, logger: Logger): 'incremental' | 'converted' | 'too_large' {
  const before = readStorage(db, dbFile);
  if (before.autoVacuum === 'incremental') return 'incremental';
  if (before.dbBytes > maxBytes) {
    logger.warn(
      { dbBytes: before.dbBytes, maxBytes },
      'the database has no incremental vacuum; stop the server and run `npm run switchyard -- vacuum` (or `switchyard vacuum` for an installed package) to convert it',
    );
    return 'too_large';
  }
  db.pragma('auto_vacuum = INCREMENTAL');
  vacuumOnDisk(db);
  logger.info({ dbBytes: before.dbBytes }, 'converted the database to incremental vacuum');
  return 'converted';
}

/** The SQLite bodies of the maintenance port's file-level operations (ports/maintenance.ts). */
export function createStorageUpkeep(db: Db) {
  const probe = db.prepare('INSERT INTO health_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at');
  return {
    /** The file's size as opened (`db.name` is the path given to openDatabase). */
    size: (): StorageSnapshot => readStorage(db, db.name),
    /** Incremental vacuum of up to `maxPages` free pages (call inside the commit queue: it writes). */
    compact(maxPages: number): number {
      const freePages = db.pragma('freelist_count', { simple: true }) as number;
      const pages = freePages > 0 ? Math.min(freePages, maxPages) : 0;
      if (pages > 0) db.pragma(`incremental_vacuum(${pages})`);
      return pages;
    },
    /** Truncates the WAL; skipped, not waited for, while a reader such as `switchyard backup` holds it. */
    checkpoint(): CheckpointResult {
      // Never block the event loop on a reader: no busy waiting for this one call.
      db.pragma('busy_timeout = 0');
      try {
        const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
        return { busy: row?.busy === 1, walPages: row?.log ?? 0, checkpointedPages: row?.checkpointed ?? 0 };
      } finally {
        db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
    },
    probeWrite: (at: number): void => void probe.run(at),
  };
}
