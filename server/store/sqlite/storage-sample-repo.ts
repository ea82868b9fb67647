import type { StorageSample } from '../ports/stats.js';
import type { Db } from './database.js';

export type { StorageSample };

/** Storage samples: the history behind "growth" in settings. */
export function createStorageSampleRepo(db: Db) {
  const s = {
    insert: db.prepare('INSERT OR REPLACE INTO storage_samples (at, db_bytes, wal_bytes, free_bytes) VALUES (?, ?, ?, ?)'),
    latest: db.prepare('SELECT max(at) AS at FROM storage_samples'),
    since: db.prepare('SELECT at, db_bytes AS dbBytes, wal_bytes AS walBytes, free_bytes AS freeBytes FROM storage_samples WHERE at >= ? ORDER BY at'),
    atOrBefore: db.prepare('SELECT at, db_bytes AS dbBytes, wal_bytes AS walBytes, free_bytes AS freeBytes FROM storage_samples WHERE at <= ? ORDER BY at DESC LIMIT 1'),
    prune: db.prepare('DELETE FROM storage_samples WHERE at < ?'),
    counts: db.prepare(
      `SELECT (SELECT count(*) FROM workflows) AS workflows, (SELECT count(*) FROM runs) AS runs,
              (SELECT count(*) FROM steps) AS steps, (SELECT count(*) FROM events) AS events`,
    ),
  };
  return {
    insert: (x: StorageSample) => void s.insert.run(x.at, x.dbBytes, x.walBytes, x.freeBytes),
    latestAt: () => (s.latest.get() as { at: number | null }).at,
    since: (at: number) => s.since.all(at) as StorageSample[],
    /** The newest sample taken at or before `at`, for "growth over the last day". */
    atOrBefore: (at: number) => s.atOrBefore.get(at) as StorageSample | undefined,
    prune: (before: number) => s.prune.run(before).changes,
    /** Row counts of the tables that grow (a scan each: for the settings page, not for scrapes). */
    counts: () => s.counts.get() as { workflows: number; runs: number; steps: number; events: number },
  };
}
export type StorageSampleRepo = ReturnType<typeof createStorageSampleRepo>;
