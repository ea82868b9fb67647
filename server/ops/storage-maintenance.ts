import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import type { CheckpointResult } from '../store/ports/maintenance.js';
import type { Store } from '../store/ports/store.js';

const HOUR = 3600 * 1000;
const KEEP_SAMPLES_MS = 90 * 24 * HOUR;

export interface MaintenanceResult {
  at: number;
  checkpoint: CheckpointResult;
  vacuumedPages: number;
  sampled: boolean;
}

export interface MaintenanceDeps {
  store: Pick<Store, 'maintenance' | 'stats'>;
  clock: Clock;
  logger: Logger;
  /** Free pages given back per tick, so one tick never holds the write lock long. */
  vacuumPagesPerTick?: number;
}

/**
 * Periodic upkeep of the storage: compaction of free space (bounded per tick), an hourly size
 * sample for the growth shown in settings, and a checkpoint that shrinks the write-ahead log
 * (skipped, not waited for, while a reader such as `switchyard backup` holds it). What each
 * means for an implementation: ports/maintenance.ts.
 */
export function createMaintenance(d: MaintenanceDeps) {
  const pagesPerTick = d.vacuumPagesPerTick ?? 4096;
  let timer: NodeJS.Timeout | undefined;
  let last: MaintenanceResult | undefined;
  let running: Promise<MaintenanceResult> | undefined;

  const round = async (): Promise<MaintenanceResult> => {
    const at = d.clock.now();
    const vacuumedPages = await d.store.maintenance.compact(pagesPerTick);
    const latest = await d.store.stats.latestSampleAt();
    const sampled = latest === null || at - latest >= HOUR;
    if (sampled) {
      const s = await d.store.stats.storageSize();
      await d.store.maintenance.recordSample({ at, dbBytes: s.dbBytes, walBytes: s.walBytes, freeBytes: s.freeBytes }, at - KEEP_SAMPLES_MS);
    }
    // Last, so the log is emptied of this tick's own writes too.
    const checkpoint = await d.store.maintenance.checkpoint();
    last = { at, checkpoint, vacuumedPages, sampled };
    return last;
  };

  // One round at a time; `stop` waits for the one under way, so the store is not closed under it.
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
