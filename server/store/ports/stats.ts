/** A count by state (jobs by status, unfinished runs by status). */
export interface StateCount {
  status: string;
  n: number;
}

/** One workflow's unfinished runs in one state: how many, and since when the oldest exists. */
export interface WorkflowQueueCount {
  workflowId: string;
  /** `retrying`: waiting, and some step's latest attempt failed and is scheduled again. */
  state: 'queued' | 'running' | 'waiting' | 'retrying';
  n: number;
  oldestAt: number;
}

/**
 * The store's footprint right now, in bytes. The names come from SQLite; another implementation
 * gives each its nearest meaning: `dbBytes` the data on disk, `walBytes` the write-ahead log not
 * yet folded into it (0 when not separate), `freeBytes` space inside the data that compaction can
 * give back, `pageSize` its allocation unit, `autoVacuum` whether compaction runs incrementally.
 */
export interface StorageSnapshot {
  dbBytes: number;
  walBytes: number;
  freeBytes: number;
  pageSize: number;
  autoVacuum: 'none' | 'full' | 'incremental';
}

/** One hourly measurement of the store's size. */
export interface StorageSample {
  at: number;
  dbBytes: number;
  walBytes: number;
  freeBytes: number;
}

/** Rows in the tables that grow. */
export interface RowCounts {
  workflows: number;
  runs: number;
  steps: number;
  events: number;
}

/**
 * Counts for metrics, readiness and the settings pages (jobs by status: `JobPort.depth`). `queueDue`, `activeRuns` and
 * `storageSize` are read on every scrape or probe and must stay cheap (index reads over
 * unfinished rows only); `rowCounts` may scan.
 */
export interface StatsPort {
  /** Jobs due at `now` that no worker holds, and when the oldest of them became due. */
  queueDue(now: number): Promise<{ n: number; oldestAt: number | null }>;
  /** Unfinished runs by status (queued, running, waiting). */
  activeRuns(): Promise<StateCount[]>;
  /** Unfinished runs per workflow and state. */
  perWorkflow(): Promise<WorkflowQueueCount[]>;
  rowCounts(): Promise<RowCounts>;
  storageSize(): Promise<StorageSnapshot>;
  /** Size samples taken at or after `at`, oldest first. */
  samplesSince(at: number): Promise<StorageSample[]>;
  /** The newest sample taken at or before `at`. */
  sampleAtOrBefore(at: number): Promise<StorageSample | undefined>;
  /** When the newest sample was taken; null without one. */
  latestSampleAt(): Promise<number | null>;
}
