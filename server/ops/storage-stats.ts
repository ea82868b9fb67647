import { statSync } from 'node:fs';
import type { Db } from '../store/sqlite/database.js';

/** The database's footprint right now. Sizes in bytes. */
export interface StorageSnapshot {
  dbBytes: number;
  walBytes: number;
  /** Pages on the free list: space a vacuum can give back to the file system. */
  freeBytes: number;
  pageSize: number;
  autoVacuum: 'none' | 'full' | 'incremental';
}

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
  const onDisk = dbFile !== ':memory:';
  return {
    dbBytes: onDisk ? fileSize(dbFile) : pageSize * (db.pragma('page_count', { simple: true }) as number),
    walBytes: onDisk ? fileSize(`${dbFile}-wal`) : 0,
    freeBytes: freePages * pageSize,
    pageSize,
    autoVacuum: vacuumModes[mode] ?? 'none',
  };
}
