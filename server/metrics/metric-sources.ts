import type { StateCount, StorageSnapshot } from '../store/ports/stats.js';

/** A count by state, as the scrape-time gauges read it. */
export type { StateCount };

/**
 * What the gauges read when Prometheus scrapes: each a cheap storage read (asynchronous) or an in-memory look, so a
 * scrape costs a few index lookups whatever the size of the history.
 */
export interface MetricSources {
  /** Jobs by status (queued, running, retry_wait) and when the oldest due one became due. */
  queue(): Promise<{ depth: readonly StateCount[]; due: number; oldestDueAt: number | null }>;
  /** Unfinished runs by status (queued, running, waiting). */
  activeRuns(): Promise<readonly StateCount[]>;
  /** Outbound endpoints by state (healthy, failing, recovering, disabled). */
  endpoints(): readonly StateCount[];
  /** The sandbox pool, when there is one. */
  sandbox(): { processes: number; restarts: number; busy: number; queued: number } | undefined;
  storage(): Promise<StorageSnapshot>;
  /** Runs executing in this process right now. */
  executing(): number;
  /** About how many bytes of trigger data those runs hold (WORKER_RUN_DATA_MB bounds it). */
  executingBytes(): number;
  now(): number;
}
