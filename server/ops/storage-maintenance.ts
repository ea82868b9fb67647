import type { Logger } from 'pino';
import type { Db } from '../store/sqlite/database.js';
import type { StorageSampleRepo } from '../store/sqlite/storage-sample-repo.js';
import type { Clock } from '../lib/clock.js';
import type { CommitQueue } from '../store/sqlite/commit-queue.js';
import { readStorage } from './storage-stats.js';

const HOUR = 3600 * 1000;
const KEEP_SAMPLES_MS = 90 * 24 * HOUR;
const BUSY_TIMEOUT_MS = 5000;

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
    logger.warn({ dbBytes: before.dbBytes, maxBytes }, 'the database has no incremental vacuum; stop the server and run `npm run switchyard -- vacuum` (or `switchyard vacuum` for an installed package) to convert it');
    return 'too_large';
  }
  db.pragma('auto_vacuum = INCREMENTAL');
  db.exec('VACUUM');
  logger.info({ dbBytes: before.dbBytes }, 'converted the database to incremental vacuum');
  return 'converted';
}

export interface MaintenanceResult {
  at: number;
  checkpoint: { busy: boolean; walPages: number; checkpointedPages: number };
  vacuumedPages: number;
  sampled: boolean;
}

export interface MaintenanceDeps {
  db: Db;
  dbFile: string;
  commits: CommitQueue;
  samples: StorageSampleRepo;
  clock: Clock;
  logger: Logger;
  /** Free pages given back per tick, so one tick never holds the write lock long. */
  vacuumPagesPerTick?: number;
}

/**
 * Periodic upkeep of the SQLite file: a WAL checkpoint that truncates the WAL file (skipped,
 * not waited for, while a reader such as `switchyard backup` holds it), an incremental vacuum
 * of free pages, and an hourly size sample for the growth shown in settings.
 */
export function createMaintenance(d: MaintenanceDeps) {
  const pagesPerTick = d.vacuumPagesPerTick ?? 4096;
  let timer: NodeJS.Timeout | undefined;
  let last: MaintenanceResult | undefined;
  let running: Promise<MaintenanceResult> | undefined;

  const checkpoint = () => {
    // Never block the event loop on a reader: no busy waiting for this one call.
    d.db.pragma('busy_timeout = 0');
    try {
      const [row] = d.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
      return { busy: row?.busy === 1, walPages: row?.log ?? 0, checkpointedPages: row?.checkpointed ?? 0 };
    } finally {
      d.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  };

  const round = async (): Promise<MaintenanceResult> => {
    const at = d.clock.now();
    const freePages = d.db.pragma('freelist_count', { simple: true }) as number;
    const vacuumedPages = freePages > 0 ? Math.min(freePages, pagesPerTick) : 0;
    if (vacuumedPages) await d.commits.run(() => d.db.pragma(`incremental_vacuum(${vacuumedPages})`));
    const latest = d.samples.latestAt();
    const sampled = latest === null || at - latest >= HOUR;
    if (sampled) {
      const s = readStorage(d.db, d.dbFile);
      await d.commits.run(() => {
        d.samples.insert({ at, dbBytes: s.dbBytes, walBytes: s.walBytes, freeBytes: s.freeBytes });
        d.samples.prune(at - KEEP_SAMPLES_MS);
      });
    }
    // Last, so the WAL is emptied of this tick's own writes too.
    const cp = checkpoint();
    last = { at, checkpoint: cp, vacuumedPages, sampled };
    return last;
  };

  // One round at a time; `stop` waits for the one under way, so the database is not closed under it.
  const tick = (): Promise<MaintenanceResult> => (running ??= round().finally(() => (running = undefined)));

  return {
    tick,
    start(intervalMs: number): void {
      if (timer || intervalMs <= 0) return;
      // A first sample right away, so a fresh server shows a size history from the start.
      void tick().catch((err: unknown) => d.logger.error({ err }, 'database maintenance failed'));
      timer = setInterval(() => void tick().catch((err: unknown) => d.logger.error({ err }, 'database maintenance failed')), intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
    get last() {
      return last;
    },
  };
}
export type Maintenance = ReturnType<typeof createMaintenance>;
