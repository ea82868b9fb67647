import { describe, expect, it } from 'vitest';
import { shareOfLimit, shareOfRate } from '../../../server/scale/rate-share.js';
import { createEndpointHealth, type BreakerChange } from '../../../server/delivery/endpoint-health.js';
import { convoyBreaker } from '../../../server/delivery/circuit-breaker.js';

const clockAt = (start: number) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('rate shares', () => {
  it('divide a rate and keep a burst of at least one', () => {
    expect(shareOfRate({ perSecond: 10, burst: 6 }, 1)).toEqual({ perSecond: 10, burst: 6 });
    expect(shareOfRate({ perSecond: 10, burst: 6 }, 4)).toEqual({ perSecond: 2.5, burst: 1 });
    expect(shareOfLimit({ requests: 600, per: 'minute', burst: 100 }, 3)).toEqual({ requests: 200, per: 'minute', burst: 33 });
    expect(shareOfLimit({ requests: 1, per: 'second', burst: 1 }, 2)).toEqual({ requests: 0.5, per: 'second', burst: 1 });
  });

  it("an endpoint registry applies its share of the endpoint's rate", () => {
    const clock = clockAt(1_000_000);
    const health = createEndpointHealth({ clock, rateShare: (r) => shareOfRate(r, 2) });
    const rate = { perSecond: 4, burst: 1 };
    // 2/s, its half of 4/s (a manual clock): each delivery waits for its slot, then goes.
    const start = clock.now();
    for (let i = 0; i < 21; i++) {
      for (;;) {
        const a = health.admit('http://127.0.0.1:9', { rateLimit: rate, deferKey: `k${i}` });
        if (a.kind === 'go') break;
        if (a.kind !== 'wait') throw new Error(a.kind);
        clock.advance(a.until - clock.now());
      }
    }
    expect(clock.now() - start).toBe(10_000);
    expect(health.get('http://127.0.0.1:9')?.rateLimit).toEqual({ perSecond: 2, burst: 1 });
  });
});

describe('breakers told between processes', () => {
  it('tells when its breaker opens and when a probe closes it', () => {
    const clock = clockAt(5_000_000);
    const told: BreakerChange[] = [];
    const health = createEndpointHealth({ clock, onBreakerChange: (_o, c) => told.push(c) });
    const origin = 'http://127.0.0.1:9';
    for (let i = 0; i < convoyBreaker.minRequests; i++) {
      const a = health.admit(origin, { deferKey: `k${i}` });
      expect(a.kind).toBe('go');
      health.record(origin, { outcome: 'failure', probe: false });
    }
    expect(told).toEqual([{ phase: 'open', forMs: convoyBreaker.openMs }]);
    clock.advance(convoyBreaker.openMs);
    const probe = health.admit(origin, { deferKey: 'probe' });
    expect(probe).toEqual({ kind: 'go', probe: true });
    health.record(origin, { outcome: 'success', probe: true });
    expect(told).toEqual([{ phase: 'open', forMs: convoyBreaker.openMs }, { phase: 'closed' }]);
  });

  it("follows another process's breaker without telling it back", () => {
    const clock = clockAt(5_000_000);
    const told: BreakerChange[] = [];
    const health = createEndpointHealth({ clock, onBreakerChange: (_o, c) => told.push(c) });
    const origin = 'http://127.0.0.1:9';
    health.adoptBreaker(origin, { phase: 'open', forMs: 10_000 });
    expect(health.admit(origin, { deferKey: 'a' })).toMatchObject({ kind: 'wait', code: 'circuit_open', until: 5_010_000 });
    expect(health.get(origin)?.state).toBe('failing');
    health.adoptBreaker(origin, { phase: 'closed' });
    expect(health.admit(origin, { deferKey: 'b' })).toEqual({ kind: 'go', probe: false });
    expect(told).toEqual([]);
  });
});
