import type { Db } from '../store/sqlite/database.js';
import type { StorageSample, StorageSampleRepo } from '../store/sqlite/storage-sample-repo.js';
import type { RetentionPolicy } from './retention-policy.js';
import type { MaintenanceResult } from './storage-maintenance.js';
import type { SweepResult } from './retention-sweeper.js';
import { readStorage } from './storage-stats.js';

const DAY = 24 * 3600 * 1000;
const MAX_POINTS = 120;

export interface StorageReportDeps {
  db: Db;
  dbFile: string;
  samples: StorageSampleRepo;
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
function growth(samples: StorageSampleRepo, now: number, dbBytes: number, ago: number): { bytes: number; since: number } | null {
  const then = samples.atOrBefore(now - ago);
  return then ? { bytes: dbBytes - then.dbBytes, since: then.at } : null;
}

/** `GET /api/system/storage`: the database's size, what fills it, how it grows, and the policy that bounds it. */
export function createStorageReport(d: StorageReportDeps) {
  return () => {
    const now = d.now();
    const snap = readStorage(d.db, d.dbFile);
    const history: StorageSample[] = thin(d.samples.since(now - 30 * DAY), MAX_POINTS);
    return {
      ...snap,
      totalBytes: snap.dbBytes + snap.walBytes,
      counts: d.samples.counts(),
      growth: { lastDay: growth(d.samples, now, snap.dbBytes, DAY), lastWeek: growth(d.samples, now, snap.dbBytes, 7 * DAY) },
      history,
      retention: d.retention,
      stepPayloadMaxBytes: d.stepPayloadMaxBytes,
      lastSweep: d.lastSweep() ?? null,
      lastMaintenance: d.lastMaintenance() ?? null,
    };
  };
}
export type StorageReport = ReturnType<typeof createStorageReport>;
