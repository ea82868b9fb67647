import type { StorageSnapshot } from '../ops/storage-stats.js';

/** A count by state, as the scrape-time gauges read it. */
export interface StateCount {
  status: string;
  n: number;
}

/**
 * What the gauges read when Prometheus scrapes: each a cheap query or an in-memory look, so a
 * scrape costs a few index lookups whatever the size of the history.
 */
export interface MetricSources {
  /** Jobs by status (queued, running, retry_wait) and when the oldest due one became due. */
  queue(): { depth: readonly StateCount[]; due: number; oldestDueAt: number | null };
  /** Unfinished runs by status (queued, running, waiting). */
  activeRuns(): readonly StateCount[];
  /** Outbound endpoints by state (healthy, failing, recovering, disabled). */
  endpoints(): readonly StateCount[];
  /** The sandbox pool, when there is one. */
  sandbox(): { processes: number; restarts: number; busy: number; queued: number } | undefined;
  storage(): StorageSnapshot;
  /** Runs executing in this process right now. */
  executing(): number;
  now(): number;
}
