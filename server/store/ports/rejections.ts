/** One refused request to a known trigger, as the inbox keeps it: never the body, never a credential. */
export interface RejectedRequest {
  workflowId: string;
  nodeId: string;
  /** The HTTP status it got (401, 403, 405, 413, 429, 400). */
  status: number;
  /** A stable reason code: `signature_mismatch`, `rate_limited`, `ip_not_allowed`, `body_too_large`, ... */
  reason: string;
  /** The client's address as TRUST_PROXY says to believe it; null when unknown. */
  source: string | null;
  method: string;
  /** Bytes received, or the declared Content-Length when the body was not read; null when unknown. */
  size: number | null;
  /** A few harmless headers (see `safeHeaders` in ingest/rejection-inbox.ts). */
  headers: Record<string, string>;
}

/** A stored rejection, with its cursor id (ascending in the order stored) and time. */
export interface InboxItem extends RejectedRequest {
  id: number;
  at: number;
}

/** Refusals of one trigger in one minute for one reason (`minute` is epoch ms / 60 000, floored). */
export interface RejectionCount {
  workflowId: string;
  nodeId: string;
  minute: number;
  reason: string;
  count: number;
}

/**
 * Refused trigger requests: per-minute counts (verify/rejection-counter.ts) and the inbox of the
 * latest refusals (ingest/rejection-inbox.ts). Both callers buffer in memory and write in
 * batches, so ingest never waits on these.
 */
export interface RejectionPort {
  /** Adds counts (summing into existing minute buckets) and, when given, deletes buckets older than `pruneBeforeMinute`. Atomic. */
  addCounts(counts: readonly RejectionCount[], pruneBeforeMinute: number | null): Promise<void>;
  /** A workflow's buckets from `sinceMinute` on. */
  countsSince(workflowId: string, sinceMinute: number): Promise<RejectionCount[]>;
  /**
   * Stores refusals (reason cut to 64 characters, method to 16), keeps only the newest
   * `maxPerTrigger` per trigger, and, when given, deletes refusals older than `pruneBefore`. Atomic.
   */
  addRequests(requests: ReadonlyArray<RejectedRequest & { at: number }>, maxPerTrigger: number, pruneBefore: number | null): Promise<void>;
  /** A workflow's refusals (one trigger's, with `nodeId`) with id below `beforeId` and time at or after `since`, newest first. */
  listRequests(workflowId: string, q: { nodeId?: string; beforeId: number; since: number; limit: number }): Promise<InboxItem[]>;
}
