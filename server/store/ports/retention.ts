/** Which runs of a workflow may go: finished before a time, or beyond the newest `keep`. Either may be null (no such limit). */
export interface ExpiryLimits {
  finishedBefore: number | null;
  keep: number | null;
}

/** What one batch of the retention sweep did. */
export interface SweptBatch {
  /** Runs the limits selected (0: this workflow has nothing more to delete). */
  found: number;
  runs: number;
  events: number;
}

/**
 * Retention: deleting what the policy says may go, in bounded batches, and shrinking the
 * stored payloads of finished runs. Only finished runs are ever deleted; deleting a run deletes
 * its steps and job; an event goes once no run refers to it.
 */
export interface RetentionPort {
  /** Every workflow id that has runs (deleted workflows included). */
  workflowIds(): Promise<string[]>;
  /** Deletes up to `limit` finished runs with these statuses that the limits select (each limit selects up to `limit`), and the events they leave unreferenced. Atomic. */
  deleteExpired(workflowId: string, statuses: readonly string[], limits: ExpiryLimits, limit: number): Promise<SweptBatch>;
  /**
   * Replaces a run's step inputs, outputs and details whose JSON is over `maxBytes` with a
   * `{ truncated: true, bytes, preview }` marker (preview: up to 1024 characters, at most half the
   * limit); returns how many were replaced. Call it only once the run has finished: a run under
   * way reads its earlier outputs back. `maxBytes <= 0`: nothing.
   */
  truncateStepPayloads(runId: string, maxBytes: number): Promise<number>;
}
