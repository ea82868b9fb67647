import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlogVerdict, MAX_PACE_MS, paceDelayMs } from '../../../server/ingest/backlog-gate.js';
import { loadConfig } from '../../../server/config.js';
import { startGatedReceiver } from '../../support/gated-receiver.js';
import { startTestApp } from '../../support/test-app.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

describe('the backlog verdict', () => {
  const limits = { maxQueued: 1_000, maxQueuedBytes: 10_000_000, paceQueued: null };
  it('lets requests through under both bounds', () => {
    expect(backlogVerdict({ queued: 999, meanBytes: 1_000, drainPerSecond: 0 }, limits)).toBeNull();
  });

  it('past the count, asks the sender back once a tenth of the bound has drained at the measured rate', () => {
    expect(backlogVerdict({ queued: 1_000, meanBytes: 100, drainPerSecond: 20 }, limits)).toEqual({ queued: 1_000, queuedBytes: 100_000, limit: 'events', retryAfterSeconds: 5 });
    expect(backlogVerdict({ queued: 5_000, meanBytes: 100, drainPerSecond: 10 }, limits)?.retryAfterSeconds).toBe(60);
    expect(backlogVerdict({ queued: 1_000, meanBytes: 100, drainPerSecond: 100_000 }, limits)?.retryAfterSeconds).toBe(1);
    // Nothing drains: the longest wait.
    expect(backlogVerdict({ queued: 1_000, meanBytes: 100, drainPerSecond: 0 }, limits)?.retryAfterSeconds).toBe(60);
  });

  it('past the bytes, with few but large events', () => {
    expect(backlogVerdict({ queued: 100, meanBytes: 200_000, drainPerSecond: 1 }, limits)).toMatchObject({ limit: 'bytes', queuedBytes: 20_000_000 });
  });

  it('has no bound when both are off', () => {
    expect(backlogVerdict({ queued: 10 ** 9, meanBytes: 10 ** 6, drainPerSecond: 0 }, { maxQueued: null, maxQueuedBytes: null, paceQueued: null })).toBeNull();
  });
});

describe('pacing under a growing backlog', () => {
  it('reads requests at once up to the threshold, then later in proportion to the excess, up to the cap', () => {
    expect(paceDelayMs(1_000, 1_000)).toBe(0);
    expect(paceDelayMs(1_500, 1_000)).toBe(MAX_PACE_MS / 2);
    expect(paceDelayMs(2_000, 1_000)).toBe(MAX_PACE_MS);
    expect(paceDelayMs(50_000, 1_000)).toBe(MAX_PACE_MS);
    expect(paceDelayMs(50_000, null)).toBe(0);
  });
});

describe('INGEST_MAX_BACKLOG and INGEST_MAX_BACKLOG_MB', () => {
  const base = { DATA_DIR: '/tmp/unused' };
  it('default to 100,000 events and 2 GB, take `off`, and refuse nonsense', () => {
    expect(loadConfig(base).ingress.backlog).toEqual({ maxQueued: 100_000, maxQueuedBytes: 2_048 * 1_048_576, paceQueued: 1_000 });
    expect(loadConfig({ ...base, INGEST_MAX_BACKLOG: 'off', INGEST_MAX_BACKLOG_MB: 'off', INGEST_PACE_BACKLOG: 'off' }).ingress.backlog).toEqual({
      maxQueued: null,
      maxQueuedBytes: null,
      paceQueued: null,
    });
    expect(() => loadConfig({ ...base, INGEST_MAX_BACKLOG: '-3' })).toThrow(/INGEST_MAX_BACKLOG/);
    expect(() => loadConfig({ ...base, INGEST_MAX_BACKLOG_MB: 'lots' })).toThrow(/INGEST_MAX_BACKLOG_MB/);
  });
});

describe('a trigger past the backlog bound', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  let rcv: Awaited<ReturnType<typeof startGatedReceiver>>;
  beforeAll(async () => {
    t = await startTestApp({ INGEST_MAX_BACKLOG: '5', TRIGGER_RATE_LIMIT: 'off' });
    rcv = await startGatedReceiver(['/hold'], 20_000);
  });
  afterAll(async () => {
    await t?.stop();
    await rcv?.close();
  });

  it('answers 503 with Retry-After, stores nothing it refused, and loses nothing it acknowledged', async () => {
    const h = t.app.handler;
    // One run at a time, each held by the receiver: everything after the first waits in the queue.
    const created = await request(h)
      .post('/api/workflows')
      .set(t.auth)
      .send({
        name: 'held',
        settings: { concurrency: 1 },
        nodes: [node('hook', 'webhook'), node('out', 'http', { method: 'POST', url: `${rcv.url}/hold`, body: { n: '{{ trigger.body.n }}' } })],
        edges: [edge('hook', 'out')],
      });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const hook = new URL((await request(h).post(`/api/workflows/${created.body.id}/activate`).set(t.auth)).body.hooks[0].url).pathname;

    const answers = [];
    for (let n = 0; n < 12; n++) answers.push(await request(h).post(hook).send({ n }));
    const accepted = answers.filter((a) => a.status === 202);
    const refused = answers.filter((a) => a.status !== 202);
    expect(accepted.length).toBeGreaterThanOrEqual(5);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.status).toBe(503);
      expect(r.body.error).toMatchObject({ code: 'UNAVAILABLE', reason: 'backlog_full' });
      expect(r.body.error.message).toMatch(/waiting to run.*Nothing was stored/);
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    // At most the bound waits in the queue, beside the one run the receiver holds.
    expect(accepted.length).toBeLessThanOrEqual(6);

    const metrics = await request(h).get('/metrics');
    expect(metrics.text).toMatch(new RegExp(`switchyard_ingest_backlog_full_total ${refused.length}`));

    rcv.release('/hold');
    const runs = await Promise.all(accepted.map((a) => waitForRun(h, t.auth, a.body.runId, 30_000)));
    expect(runs.map((r) => r.status)).toEqual(accepted.map(() => 'succeeded'));
    expect(rcv.count('arrived /hold')).toBe(accepted.length);
    const list = await request(h).get(`/api/runs?workflowId=${created.body.id}&limit=100`).set(t.auth);
    expect(list.body.runs).toHaveLength(accepted.length);

    // Drained: the trigger takes events again once the queue has been sampled below the bound.
    let again = await request(h).post(hook).send({ n: 99 });
    for (let i = 0; i < 50 && again.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await request(h).post(hook).send({ n: 99 });
    }
    expect(again.status).toBe(202);
  }, 60_000);
});
