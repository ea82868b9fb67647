// Per-process state: the buckets live in this process's memory; with several web processes each
// applies its share of a trigger's limit (scale/rate-share.ts, docs/scale-out.md).
import type { Clock } from '../lib/clock.js';

/** A token bucket: `requests` per `per` on average, up to `burst` at once. */
export interface RateLimit {
  requests: number;
  per: 'second' | 'minute';
  burst: number;
}

/** One trigger's bucket and its counts for the current and the previous minute. */
export interface BucketState {
  tokens: number;
  /** When `tokens` was last brought up to date (epoch ms). */
  at: number;
  minute: number;
  seen: number;
  limited: number;
  prevSeen: number;
  prevLimited: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

const MINUTE = 60_000;
const periodMs = (per: RateLimit['per']): number => (per === 'second' ? 1_000 : MINUTE);

/** A trigger's own limit when it sets one (its burst defaults to one period's worth), else the server default (null: unlimited). */
export function effectiveRateLimit(own: { requests: number; per: RateLimit['per']; burst?: number } | undefined, fallback: RateLimit | null): RateLimit | null {
  if (!own) return fallback;
  return { requests: own.requests, per: own.per, burst: own.burst ?? own.requests };
}

/**
 * Parses the server default (`TRIGGER_RATE_LIMIT`): `off`, or `N/s`, `N/second`, `N/min`,
 * `N/minute`, with `burst` requests allowed at once. Throws a message a person can act on.
 */
export function parseRateLimit(text: string, burst: number): RateLimit | null {
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === 'none' || t === '0') return null;
  const m = /^(\d{1,7})\s*\/\s*(s|sec|second|m|min|minute)$/.exec(t);
  if (!m || Number(m[1]) < 1) throw new Error(`TRIGGER_RATE_LIMIT="${text}": write requests per second or minute, like 100/s or 600/min, or off.`);
  return { requests: Number(m[1]), per: m[2]?.startsWith('s') ? 'second' : 'minute', burst };
}

/** A fresh bucket: full, so a trigger's first burst is always served. */
export function newBucket(limit: RateLimit | null, now: number): BucketState {
  return { tokens: limit?.burst ?? 0, at: now, minute: Math.floor(now / MINUTE), seen: 0, limited: 0, prevSeen: 0, prevLimited: 0 };
}

/** Moves the per-minute counts on to the minute of `now`. */
function roll(b: BucketState, now: number): void {
  const minute = Math.floor(now / MINUTE);
  if (minute === b.minute) return;
  const adjacent = minute === b.minute + 1;
  b.prevSeen = adjacent ? b.seen : 0;
  b.prevLimited = adjacent ? b.limited : 0;
  b.seen = 0;
  b.limited = 0;
  b.minute = minute;
}

/**
 * Takes one token for a request at `now` (mutates the bucket; pure otherwise). Refused requests
 * take nothing, so a sender that keeps knocking is served again as soon as the rate allows.
 */
export function takeToken(b: BucketState, limit: RateLimit | null, now: number): TakeResult {
  roll(b, now);
  b.seen++;
  if (!limit) return { ok: true };
  const perMs = limit.requests / periodMs(limit.per);
  // A clock that steps back must not mint tokens, and a lowered burst applies at once.
  b.tokens = Math.min(limit.burst, b.tokens + Math.max(0, now - b.at) * perMs);
  b.at = Math.max(b.at, now);
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return { ok: true };
  }
  b.limited++;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1_000)) };
}

/** Requests (and refusals) in the last 60 s, estimated from this minute and the previous one weighted by overlap. */
export function perMinute(b: BucketState, now: number): { requests: number; limited: number } {
  const minute = Math.floor(now / MINUTE);
  if (minute > b.minute + 1) return { requests: 0, limited: 0 };
  const [cur, prev, prevLimited, curLimited] = minute === b.minute ? [b.seen, b.prevSeen, b.prevLimited, b.limited] : [0, b.seen, b.limited, 0];
  const overlap = 1 - (now % MINUTE) / MINUTE;
  return { requests: Math.round(cur + prev * overlap), limited: Math.round(curLimited + prevLimited * overlap) };
}

/**
 * Per-trigger token buckets in memory (one process owns a data dir, so memory is the truth).
 * At most `maxKeys` buckets: past that, ones idle for minutes go first (an idle bucket has
 * refilled, so forgetting it changes little), then the oldest.
 */
export function createTriggerLimiter(deps: { clock: Clock; maxKeys?: number; share?: (limit: RateLimit) => RateLimit }) {
  const buckets = new Map<string, BucketState>();
  const maxKeys = deps.maxKeys ?? 10_000;

  const make = (limit: RateLimit | null, now: number): BucketState => {
    if (buckets.size >= maxKeys) {
      for (const [k, b] of buckets) if (now - b.minute * MINUTE > 3 * MINUTE) buckets.delete(k);
      if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value as string);
    }
    return newBucket(limit, now);
  };

  return {
    /** Counts a request to trigger `key` and says whether its limit lets it through. */
    take(key: string, limit: RateLimit | null): TakeResult {
      const now = deps.clock.now();
      let b = buckets.get(key);
      if (!b) buckets.set(key, (b = make(limit, now)));
      return takeToken(b, limit && deps.share ? deps.share(limit) : limit, now);
    },
    /** Requests and refusals of the last minute (zeros for a trigger that saw none). */
    usage(key: string): { requests: number; limited: number } {
      const b = buckets.get(key);
      return b ? perMinute(b, deps.clock.now()) : { requests: 0, limited: 0 };
    },
  };
}
export type TriggerLimiter = ReturnType<typeof createTriggerLimiter>;

/** The limiter's key of one trigger. */
export const triggerKey = (workflowId: string, nodeId: string): string => `${workflowId}\u0000${nodeId}`;
