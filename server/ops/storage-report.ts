import type { StorageSample } from '../store/ports/stats.js';
import type { Store } from '../store/ports/store.js';
import type { RetentionPolicy } from './retention-policy.js';
import type { MaintenanceResult } from './storage-maintenance.js';
import type { SweepResult } from './retention-sweeper.js';

const DAY = 24 * 3600 * 1000;
const MAX_POINTS = 120;

export interface StorageReportDeps {
  store: Pick<Store, 'stats' | 'datastore'>;
  retention: RetentionPolicy;
  stepPayloadMaxBytes: number;
  lastSweep: () => SweepResult | undefined;
  lastMaintenance: () => MaintenanceResult | undefined;
  now: () => number;
}

/** Keeps at most `max` samples, evenly spread, always with the newest. Pure. */
export function thin<T>(rows: readonly T[], max: number): T[] {
  if (rows.length <= max) return [...rows];
  const step = rows.length / max;
  const out = Array.from({ length: max - 1 }, (_, i) => rows[Math.floor(i * step)] as T);
  out.push(rows[rows.length - 1] as T);
  return out;
}

/** How much the file grew since the sample nearest `ago` before now (null without such a sample). */
async function growth(stats: Store['stats'], now: number, dbBytes: number, ago: number): Promise<{ bytes: number; since: number } | null> {
  const then = await stats.sampleAtOrBefore(now - ago);
  return then ? { bytes: dbBytes - then.dbBytes, since: then.at } : null;
}

/** `GET /api/system/storage`: the database's size, what fills it, how it grows, and the policy that bounds it. */
export function createStorageReport(d: StorageReportDeps) {
  const stats = d.store.stats;
  return async () => {
    const now = d.now();
    const snap = await stats.storageSize();
    const history: StorageSample[] = thin(await stats.samplesSince(now - 30 * DAY), MAX_POINTS);
    return {
      ...snap,
      totalBytes: snap.dbBytes + snap.walBytes,
      counts: await stats.rowCounts(),
      /** Data store entries (with dedupe marks) and the bytes of their keys and values. */
      datastore: await d.store.datastore.footprint(),
      growth: { lastDay: await growth(stats, now, snap.dbBytes, DAY), lastWeek: await growth(stats, now, snap.dbBytes, 7 * DAY) },
      history,
      retention: d.retention,
      stepPayloadMaxBytes: d.stepPayloadMaxBytes,
      lastSweep: d.lastSweep() ?? null,
      lastMaintenance: d.lastMaintenance() ?? null,
    };
  };
}
export type StorageReport = ReturnType<typeof createStorageReport>;
