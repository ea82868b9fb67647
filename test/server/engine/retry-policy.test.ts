import { describe, expect, it } from 'vitest';
import { decideRetry, deliveryRetry, deliverySchedule, noRetry, retryPolicyFor } from '../../../server/engine/retry-policy.js';

const mid = () => 0.5; // no jitter: random 0.5 maps to a factor of exactly 1
const low = () => 0; // -20 %
const high = () => 0.999999; // +20 %
const err = (over: Record<string, unknown> = {}) => ({ code: 'http_server_error', message: 'x', retryable: true, status: 500, ...over });

describe('decideRetry', () => {
  it('follows the Svix schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up after 8 attempts', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((a) => {
      const d = decideRetry(deliveryRetry, a, err(), mid);
      return d.retry ? d.delayMs : -1;
    });
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(decideRetry(deliveryRetry, 8, err(), mid)).toMatchObject({ retry: false, reason: 'all 8 attempts used' });
  });

  it('spreads each delay by at most ±20 %', () => {
    const lo = decideRetry(deliveryRetry, 2, err(), low);
    const hi = decideRetry(deliveryRetry, 2, err(), high);
    expect(lo).toMatchObject({ retry: true, delayMs: 240_000 });
    expect(hi.retry && hi.delayMs).toBeGreaterThan(359_000);
    expect(hi.retry && hi.delayMs).toBeLessThanOrEqual(360_000);
  });

  it('never retries a permanent error, such as an SSRF refusal or a 410', () => {
    expect(decideRetry(deliveryRetry, 1, err({ code: 'egress_blocked', retryable: false }), mid)).toMatchObject({ retry: false });
    expect(decideRetry(deliveryRetry, 1, err({ code: 'endpoint_gone', status: 410, retryable: false }), mid).retry).toBe(false);
    expect(decideRetry(deliveryRetry, 1, { code: 'x', message: 'no flag' }, mid).retry).toBe(false);
  });

  it('waits at least 60 s after a 429 or a timeout, even where the schedule says 5 s', () => {
    expect(decideRetry(deliveryRetry, 1, err({ code: 'rate_limited', status: 429 }), mid)).toMatchObject({ retry: true, delayMs: 60_000 });
    expect(decideRetry(deliveryRetry, 1, err({ code: 'timeout', status: undefined }), mid)).toMatchObject({ retry: true, delayMs: 60_000 });
    expect(decideRetry(deliveryRetry, 1, err({ code: 'connect_timeout', status: undefined }), mid)).toMatchObject({ retry: true, delayMs: 60_000 });
    // Later delays are already longer than the floor.
    expect(decideRetry(deliveryRetry, 2, err({ code: 'rate_limited', status: 429 }), mid)).toMatchObject({ delayMs: 300_000 });
  });

  it('honours Retry-After between one and two times the scheduled delay', () => {
    const within = decideRetry(deliveryRetry, 2, err({ status: 503, retryAfterMs: 400_000 }), mid);
    expect(within).toMatchObject({ retry: true, delayMs: 400_000 });
    expect(within.reason).toContain('Retry-After');
    expect(decideRetry(deliveryRetry, 2, err({ status: 503, retryAfterMs: 1_000 }), mid)).toMatchObject({ delayMs: 300_000 });
    expect(decideRetry(deliveryRetry, 2, err({ status: 503, retryAfterMs: 86_400_000 }), mid)).toMatchObject({ delayMs: 600_000 });
  });

  it('applies the 429 floor after clamping Retry-After', () => {
    expect(decideRetry(deliveryRetry, 1, err({ status: 429, code: 'rate_limited', retryAfterMs: 2_000 }), mid)).toMatchObject({ delayMs: 60_000 });
  });

  it('keeps the first version semantics: no retry with noRetry, last entry repeats', () => {
    expect(decideRetry(noRetry, 1, err(), mid).retry).toBe(false);
    const p = { maxAttempts: 5, scheduleMs: [10, 20] };
    expect([1, 2, 3, 4].map((a) => decideRetry(p, a, err(), mid))).toEqual([
      expect.objectContaining({ delayMs: 10 }),
      expect.objectContaining({ delayMs: 20 }),
      expect.objectContaining({ delayMs: 20 }),
      expect.objectContaining({ delayMs: 20 }),
    ]);
  });
});

describe('retryPolicyFor', () => {
  it('gives http steps the delivery schedule by default', () => {
    expect(retryPolicyFor('http', { url: 'https://x' })).toEqual(deliveryRetry);
    expect(retryPolicyFor('http', undefined).scheduleMs).toBe(deliverySchedule);
  });

  it('gives other steps no retries unless their config has retry settings', () => {
    expect(retryPolicyFor('code', { code: 'return 1' })).toBe(noRetry);
    expect(retryPolicyFor('filter', {})).toBe(noRetry);
    expect(retryPolicyFor('slack', { retry: { attempts: 3 } }).maxAttempts).toBe(3);
  });

  it('reads per-step attempts and schedule (durations in ms or with units)', () => {
    const p = retryPolicyFor('http', { retry: { attempts: 4, schedule: ['1s', 250, '2m'] } });
    expect(p).toMatchObject({ maxAttempts: 4, scheduleMs: [1_000, 250, 120_000], jitter: 0.2 });
    expect(retryPolicyFor('http', { retry: { schedule: ['10s', '1h'] } })).toMatchObject({ maxAttempts: 3, scheduleMs: [10_000, 3_600_000] });
    expect(retryPolicyFor('http', { retry: { attempts: 1 } }).maxAttempts).toBe(1);
  });

  it('falls back to the defaults on unreadable settings instead of throwing at run time', () => {
    expect(retryPolicyFor('http', { retry: { attempts: 'many' } })).toEqual(deliveryRetry);
    expect(retryPolicyFor('http', { retry: 7 })).toEqual(deliveryRetry);
  });
});
