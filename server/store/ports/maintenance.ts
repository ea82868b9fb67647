import type { StorageSample } from './stats.js';

/** What a checkpoint did. */
export interface CheckpointResult {
  /** A reader (a backup) held the log, so it was not emptied; the next round tries again. */
  busy: boolean;
  walPages: number;
  checkpointedPages: number;
}

/**
 * Upkeep of the storage itself. The operations have neutral meanings; each implementation gives
 * them its own body (the SQLite one in brackets, a PostgreSQL one after the dash):
 *
 * - `compact`: give free space back to the file system, a bounded amount per call (incremental
 *   vacuum of free pages) - autovacuum does this, so it may return 0;
 * - `checkpoint`: fold the write-ahead log into the data and shrink it, never waiting for a
 *   reader (`wal_checkpoint(TRUNCATE)` with no busy wait) - the server checkpoints itself: a no-op;
 * - `probeWrite`: one real, durable write on the path ingest uses, for readiness.
 *
 * Not part of a unit of work (`write`): a checkpoint or compaction cannot run inside a transaction.
 */
export interface MaintenancePort {
  /** Gives back up to `maxPages` pages of free space; returns how many it gave back. */
  compact(maxPages: number): Promise<number>;
  checkpoint(): Promise<CheckpointResult>;
  /** Stores a size sample and deletes the samples taken before `pruneBefore`. Atomic. */
  recordSample(sample: StorageSample, pruneBefore: number): Promise<void>;
  /** A durable write of one tiny record (readiness: "the store takes writes"). */
  probeWrite(at: number): Promise<void>;
}
