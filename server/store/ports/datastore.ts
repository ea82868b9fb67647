/**
 * One entry of the data store (the `datastore` step, `store.*` in code steps, `/api/datastore`).
 * `scope` names whose memory it is: `global` (the whole installation, "the project") or
 * `wf:<workflowId>` (one workflow's own); dedupe marks live in `dedupe:<workflowId>`.
 * `value` is JSON text, checked and size-limited by the caller (services/datastore-service.ts).
 */
export interface DataEntry {
  scope: string;
  key: string;
  /** JSON text. */
  value: string;
  /** Epoch ms after which the entry is gone; null: kept until deleted. */
  expiresAt: number | null;
  updatedAt: number;
}

/** How `increment` ended: the new number, or the stored value is not a number (nothing changed). */
export type IncrementResult = { ok: true; value: number } | { ok: false; reason: 'not_a_number' };

/** Which entries a listing wants: a scope (or every scope), a key prefix, a keyset cursor. */
export interface DataQuery {
  scope: string | null;
  prefix: string;
  /** Only entries after this (scope, key) pair, in (scope, key) order. */
  after: { scope: string; key: string } | null;
  limit: number;
  now: number;
}

/**
 * A key-value store with expiry. Every operation is atomic on its own: concurrent increments of
 * one key all count, concurrent `claim`s of one key let exactly one through, also across
 * processes (PostgreSQL: one `INSERT ... ON CONFLICT` statement each). An expired entry reads as
 * missing from the moment it expires; `purgeExpired` deletes it later (the retention sweep).
 */
export interface DataStorePort {
  get(scope: string, key: string, now: number): Promise<DataEntry | undefined>;
  /** Creates or replaces the entry. */
  set(scope: string, key: string, value: string, expiresAt: number | null, now: number): Promise<void>;
  /**
   * Adds `by` to a number entry; a missing or expired entry counts from 0 and takes `expiresAt`
   * (a live one keeps its own expiry, so a counter with a TTL is a fixed window).
   */
  increment(scope: string, key: string, by: number, expiresAt: number | null, now: number): Promise<IncrementResult>;
  /** False when there was no live entry. */
  remove(scope: string, key: string, now: number): Promise<boolean>;
  /** Live entries, in (scope, key) order. */
  list(q: DataQuery): Promise<DataEntry[]>;
  /**
   * Marks a key as seen until `expiresAt` unless a live mark exists: true for the one caller that
   * set it (the key is new), false while an earlier mark lives (a duplicate; it is not extended).
   */
  claim(scope: string, key: string, value: string, expiresAt: number, now: number): Promise<boolean>;
  /** Deletes up to `limit` entries expired at `now`; returns how many. */
  purgeExpired(now: number, limit: number): Promise<number>;
  /** Live and expired-but-not-purged entries and the bytes of their keys and values. */
  footprint(): Promise<{ entries: number; bytes: number }>;
}
