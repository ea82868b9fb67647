import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../server/lib/clock.js';
import { createTriggerLimiter, effectiveRateLimit, newBucket, parseRateLimit, perMinute, takeToken, type RateLimit } from '../../../server/ingest/rate-limit.js';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

describe('token bucket', () => {
  it('serves a burst, then one request per refill, and says when to come back', () => {
    const limit: RateLimit = { requests: 2, per: 'second', burst: 3 };
    const b = newBucket(limit, T0);
    const results = Array.from({ length: 5 }, () => takeToken(b, limit, T0).ok);
    expect(results).toEqual([true, true, true, false, false]);
    expect(takeToken(b, limit, T0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(takeToken(b, limit, T0 + 500).ok).toBe(true);
    expect(takeToken(b, limit, T0 + 500).ok).toBe(false);
    // Never more than the burst, however long the pause.
    const after = T0 + 3_600_000;
    expect(Array.from({ length: 4 }, () => takeToken(b, limit, after).ok)).toEqual([true, true, true, false]);
  });

  it('counts Retry-After in whole seconds for per-minute limits', () => {
    const limit: RateLimit = { requests: 6, per: 'minute', burst: 1 };
    const b = newBucket(limit, T0);
    expect(takeToken(b, limit, T0).ok).toBe(true);
    expect(takeToken(b, limit, T0)).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(takeToken(b, limit, T0 + 4_000)).toEqual({ ok: false, retryAfterSeconds: 6 });
    expect(takeToken(b, limit, T0 + 10_000).ok).toBe(true);
  });

  it('mints nothing when the clock steps back', () => {
    const limit: RateLimit = { requests: 1, per: 'second', burst: 1 };
    const b = newBucket(limit, T0);
    expect(takeToken(b, limit, T0).ok).toBe(true);
    expect(takeToken(b, limit, T0 - 60_000).ok).toBe(false);
    expect(takeToken(b, limit, T0 + 999).ok).toBe(false);
    expect(takeToken(b, limit, T0 + 1_000).ok).toBe(true);
  });

  it('estimates the rate of the last minute from this minute and the previous one', () => {
    const b = newBucket(null, T0);
    for (let i = 0; i < 60; i++) takeToken(b, null, T0 + i * 1_000);
    expect(perMinute(b, T0 + 59_999)).toEqual({ requests: 60, limited: 0 });
    expect(perMinute(b, T0 + 90_000).requests).toBe(30);
    expect(perMinute(b, T0 + 180_000).requests).toBe(0);
  });
});

describe('limits and defaults', () => {
  it('parses the server default and refuses nonsense', () => {
    expect(parseRateLimit('100/s', 1000)).toEqual({ requests: 100, per: 'second', burst: 1000 });
    expect(parseRateLimit('600 / min', 50)).toEqual({ requests: 600, per: 'minute', burst: 50 });
    expect(parseRateLimit('off', 1)).toBeNull();
    for (const bad of ['100', 'fast', '-1/s', '10/h', '1e3/s']) expect(() => parseRateLimit(bad, 1), bad).toThrow(/TRIGGER_RATE_LIMIT/);
  });

  it("uses a trigger's own limit (burst defaulting to one period) over the default", () => {
    const fallback: RateLimit = { requests: 100, per: 'second', burst: 1000 };
    expect(effectiveRateLimit(undefined, fallback)).toBe(fallback);
    expect(effectiveRateLimit({ requests: 30, per: 'minute' }, fallback)).toEqual({ requests: 30, per: 'minute', burst: 30 });
    expect(effectiveRateLimit({ requests: 5, per: 'second', burst: 20 }, null)).toEqual({ requests: 5, per: 'second', burst: 20 });
  });

  it('keeps one bucket per trigger, bounded in number', () => {
    const clock = createManualClock(T0);
    const limiter = createTriggerLimiter({ clock, maxKeys: 3 });
    const limit: RateLimit = { requests: 1, per: 'minute', burst: 1 };
    expect(limiter.take('a', limit).ok).toBe(true);
    expect(limiter.take('a', limit).ok).toBe(false);
    expect(limiter.take('b', limit).ok).toBe(true);
    expect(limiter.usage('a')).toEqual({ requests: 2, limited: 1 });
    for (const k of ['c', 'd', 'e']) limiter.take(k, limit);
    expect(limiter.usage('a')).toEqual({ requests: 0, limited: 0 });
    expect(limiter.usage('e').requests).toBe(1);
  });
});
