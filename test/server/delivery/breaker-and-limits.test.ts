import { afterEach, describe, expect, it } from 'vitest';
import { convoyBreaker, createCircuitBreaker } from '../../../server/delivery/circuit-breaker.js';
import { createTokenBucket } from '../../../server/delivery/rate-limiter.js';
import { req, startReceiver, testDelivery } from './support.js';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

describe('circuit breaker (Convoy numbers)', () => {
  it('stays closed under 10 requests, whatever they did', () => {
    const b = createCircuitBreaker();
    for (let i = 0; i < 9; i++) b.record(1_000 + i, false, false);
    expect(b.admit(2_000)).toEqual({ allow: true, probe: false });
  });

  it('opens at 10 requests in 5 minutes failing at 70 %, and not at 60 %', () => {
    const at60 = createCircuitBreaker();
    for (let i = 0; i < 10; i++) at60.record(i * 1_000, i < 6 ? false : true, false);
    expect(at60.snapshot(10_000).phase).toBe('closed');

    const b = createCircuitBreaker();
    for (let i = 0; i < 10; i++) b.record(i * 1_000, i >= 3 ? false : true, false);
    expect(b.snapshot(10_000)).toMatchObject({ phase: 'open', requests: 10, failures: 7 });
    expect(b.admit(10_000)).toEqual({ allow: false, until: 9_000 + convoyBreaker.openMs });
  });

  it('forgets failures older than the 5-minute window', () => {
    const b = createCircuitBreaker();
    for (let i = 0; i < 6; i++) b.record(0, false, false);
    for (let i = 0; i < 4; i++) b.record(301_000, false, false);
    expect(b.snapshot(301_000)).toMatchObject({ phase: 'closed', requests: 4 });
  });

  it('goes half-open after 30 s with one probe; a failed probe re-opens, a good one closes', () => {
    const b = createCircuitBreaker();
    for (let i = 0; i < 10; i++) b.record(0, false, false);
    expect(b.admit(29_999).allow).toBe(false);
    expect(b.admit(30_000)).toEqual({ allow: true, probe: true });
    expect(b.admit(30_001)).toEqual({ allow: false, until: 35_001 }); // one probe at a time
    b.record(30_500, false, true);
    expect(b.admit(30_600)).toEqual({ allow: false, until: 60_500 });
    expect(b.admit(60_500)).toEqual({ allow: true, probe: true });
    b.record(60_700, true, true);
    expect(b.snapshot(60_700)).toMatchObject({ phase: 'closed', requests: 0, nextAttemptAt: null });
    expect(b.admit(60_800)).toEqual({ allow: true, probe: false });
  });

  it('lets another probe through when one never reports back', () => {
    const b = createCircuitBreaker();
    for (let i = 0; i < 10; i++) b.record(0, false, false);
    expect(b.admit(30_000)).toMatchObject({ allow: true, probe: true });
    expect(b.admit(30_000 + convoyBreaker.probeLeaseMs)).toMatchObject({ allow: true, probe: true });
  });
});

describe('token bucket', () => {
  it('lets a burst through, then hands out one slot per interval instead of dropping', () => {
    const t = createTokenBucket();
    const rate = { perSecond: 1, burst: 2 };
    expect(t.take(0, rate, 'a')).toEqual({ ok: true });
    expect(t.take(0, rate, 'b')).toEqual({ ok: true });
    expect(t.take(0, rate, 'c')).toEqual({ ok: false, until: 1_000 });
    expect(t.take(0, rate, 'd')).toEqual({ ok: false, until: 2_000 });
    expect(t.pending()).toBe(2);
    // Coming back early keeps the slot; on time, it goes without queueing again.
    expect(t.take(500, rate, 'c')).toEqual({ ok: false, until: 1_000 });
    expect(t.take(1_000, rate, 'c')).toEqual({ ok: true });
    expect(t.take(1_000, rate, 'e')).toEqual({ ok: false, until: 3_000 });
    expect(t.take(2_000, rate, 'd')).toEqual({ ok: true });
    expect(t.nextFreeAt(2_000, rate)).toBe(4_000);
  });

  it('refills while idle', () => {
    const t = createTokenBucket();
    const rate = { perSecond: 10, burst: 1 };
    expect(t.take(0, rate, 'a').ok).toBe(true);
    expect(t.take(50, rate, 'b')).toEqual({ ok: false, until: 100 });
    expect(t.take(10_000, rate, 'c').ok).toBe(true);
  });
});

describe('breaker and rate limit in front of a real receiver', () => {
  it('holds deliveries back while the endpoint fails, without sending, then lets everything through when it recovers', async () => {
    let healthy = false;
    const r = await startReceiver((_q, res) => {
      res.writeHead(healthy ? 200 : 500);
      res.end();
    });
    open.push(r);
    const d = testDelivery();
    open.push(d);
    for (let i = 0; i < 10; i++) expect((await d.deliverer.deliver(req(r.url))).kind).toBe('failed');
    const held = await d.deliverer.deliver(req(r.url));
    expect(held).toMatchObject({ kind: 'deferred', until: d.clock.now() + 30_000 });
    if (held.kind === 'deferred') expect(held.reason).toMatch(/circuit open.*no attempt spent/);
    expect(r.got).toHaveLength(10);
    expect(d.endpoints.list()[0]).toMatchObject({ state: 'failing', breaker: 'open', recent: { requests: 10, failures: 10, failureRate: 1 }, nextAttemptAt: d.clock.now() + 30_000 });

    d.clock.advance(30_000);
    expect((await d.deliverer.deliver(req(r.url))).kind).toBe('failed'); // the probe, still failing
    expect((await d.deliverer.deliver(req(r.url))).kind).toBe('deferred');
    healthy = true;
    d.clock.advance(30_000);
    expect((await d.deliverer.deliver(req(r.url))).kind).toBe('delivered'); // probe succeeds: closed
    for (let i = 0; i < 5; i++) expect((await d.deliverer.deliver(req(r.url))).kind).toBe('delivered');
    expect(d.endpoints.list()[0]).toMatchObject({ state: 'healthy', breaker: 'closed' });
  });

  it('does not count 4xx answers against the endpoint', async () => {
    const r = await startReceiver((_q, res) => {
      res.writeHead(400);
      res.end();
    });
    open.push(r);
    const d = testDelivery();
    open.push(d);
    for (let i = 0; i < 12; i++) await d.deliverer.deliver(req(r.url));
    expect((await d.deliverer.deliver(req(r.url))).kind).toBe('failed');
    expect(r.got).toHaveLength(13);
  });

  it('queues deliveries over the rate limit and sends each when its slot comes', async () => {
    const r = await startReceiver((_q, res) => res.end());
    open.push(r);
    const d = testDelivery();
    open.push(d);
    const rateLimit = { perSecond: 1, burst: 1 };
    const a = req(r.url, { rateLimit });
    const b = req(r.url, { rateLimit });
    const c = req(r.url, { rateLimit });
    expect((await d.deliverer.deliver(a)).kind).toBe('delivered');
    const heldB = await d.deliverer.deliver(b);
    const heldC = await d.deliverer.deliver(c);
    expect(heldB).toMatchObject({ kind: 'deferred', until: d.clock.now() + 1_000 });
    expect(heldC).toMatchObject({ kind: 'deferred', until: d.clock.now() + 2_000 });
    expect(r.got).toHaveLength(1);
    expect(d.endpoints.list()[0]).toMatchObject({ queued: 2, rateLimit });
    d.clock.advance(1_000);
    expect((await d.deliverer.deliver(b)).kind).toBe('delivered');
    expect((await d.deliverer.deliver(c)).kind).toBe('deferred');
    d.clock.advance(1_000);
    expect((await d.deliverer.deliver(c)).kind).toBe('delivered');
    expect(r.got).toHaveLength(3);
  });
});
