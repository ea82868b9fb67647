import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { createActiveWorkflow, startCluster, until, type Cluster } from '../../support/cluster.js';
import { edge, node } from '../../support/workflows.js';

// Rate limits and circuit breakers with several processes (docs/scale-out.md): each of N web or
// worker processes applies 1/N of a limit, and a breaker that opens in one worker opens in all.
// Every assertion counts requests at a receiver; none times a single request.
let cluster: Cluster;
let webA: Awaited<ReturnType<Cluster['start']>>;
let webB: Awaited<ReturnType<Cluster['start']>>;
let w2: Awaited<ReturnType<Cluster['start']>>;
let key: string;
beforeAll(async () => {
  cluster = await startCluster({ WORKER_CONCURRENCY: '4' });
  webA = await cluster.start('web-a', 'web,scheduler');
  webB = await cluster.start('web-b', 'web');
  await cluster.start('worker-1', 'worker');
  w2 = await cluster.start('worker-2', 'worker');
  key = (await cluster.cli(['api-key', 'create', '--name', 'limits'])).trim().split('\n').pop() as string;
}, 60_000);
afterAll(() => cluster?.stop());

const post = (url: string, body: unknown = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The most requests that arrived within any `windowMs` (each arrival starts a window). */
const busiestWindow = (times: number[], windowMs: number): number => {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j < sorted.length && (sorted[j] as number) < (sorted[i] as number) + windowMs) j++;
    most = Math.max(most, j - i);
  }
  return most;
};

describe('limits and breakers across processes', () => {
  it("a trigger's limit holds in total across two web processes", async () => {
    // 10 a minute with a burst of 10: each web process takes 5 at once; refills are one per 12 s per process.
    const wf = await createActiveWorkflow(webA.base as string, key, {
      name: 'trigger limit across',
      nodes: [node('hook', 'webhook', { rateLimit: { requests: 10, per: 'minute', burst: 10 } })],
      edges: [],
    });
    const path = new URL(wf.hook as string).pathname;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) for (const base of [webA.base, webB.base]) statuses.push((await post(`${base}${path}`, { i })).status);
    const accepted = statuses.filter((s) => s === 202).length;
    expect(statuses.filter((s) => s !== 202 && s !== 429)).toEqual([]);
    // 20 requests within seconds: the limit's burst (10) plus at most one refill per process. Each process alone would take 10.
    expect(accepted).toBeGreaterThanOrEqual(10);
    expect(accepted).toBeLessThanOrEqual(12);
  }, 60_000);

  it("an endpoint's delivery rate holds in total across two workers", async () => {
    const times: number[] = [];
    const counted = await startReceiver(() => (times.push(Date.now()), { status: 200 }));
    const wf = await createActiveWorkflow(webA.base as string, key, {
      name: 'delivery rate across',
      nodes: [node('hook', 'webhook'), node('out', 'http', { method: 'POST', url: `${counted.url}/rated`, rateLimit: { perSecond: 4, burst: 1 } }, 250)],
      edges: [edge('hook', 'out')],
    });
    for (let i = 0; i < 36; i++) expect((await post(wf.hook as string, { i })).status).toBe(202);
    expect(await until(() => times.length >= 36, 90_000)).toBe(true);
    // 4/s in total: each worker 2/s with a burst of one, so any 3 s hold at most 2 x (1 + 6) = 14. Each worker at the full rate would deliver up to 26 in 3 s.
    expect(busiestWindow(times, 3_000)).toBeLessThanOrEqual(14);
    await counted.close();
  }, 120_000);

  it('a breaker that opens in one worker holds the endpoint back in the other', async () => {
    const failing = await startReceiver(() => ({ status: 500, body: '{"error":"down"}' }));
    const wf = await createActiveWorkflow(webA.base as string, key, {
      name: 'breaker across',
      nodes: [node('hook', 'webhook'), node('out', 'http', { method: 'POST', url: `${failing.url}/down`, retry: { attempts: 1 } }, 250)],
      edges: [edge('hook', 'out')],
    });
    // Worker 2 is paused: worker 1 alone sees the failures (at least 10, all failing) and opens its breaker.
    w2.child.kill('SIGSTOP');
    try {
      for (let i = 0; i < 14; i++) expect((await post(wf.hook as string, { i })).status).toBe(202);
      const auth = { authorization: `Bearer ${key}` };
      const failingOn = async (base: string) => {
        const list = (await (await fetch(`${base}/api/endpoints?state=failing`, { headers: auth })).json()) as { endpoints: Array<{ origin: string }> };
        return list.endpoints.some((e) => e.origin === failing.url);
      };
      // The web processes deliver nothing: they show the breaker open only because worker 1 told them.
      expect(await until(() => failingOn(webA.base as string), 30_000)).toBe(true);
      expect(await until(() => failingOn(webB.base as string), 5_000)).toBe(true);
    } finally {
      w2.child.kill('SIGCONT');
    }
    await new Promise((r) => setTimeout(r, 1_000));
    const before = failing.got.length;
    expect(before).toBeGreaterThanOrEqual(10);
    // New events are claimed by both workers: the open breaker (30 s) holds them back in each.
    const runIds: string[] = [];
    for (let i = 0; i < 8; i++) {
      const ack = await post(wf.hook as string, { more: i });
      expect(ack.status).toBe(202);
      runIds.push(((await ack.json()) as { runId: string }).runId);
    }
    // Each new run is held back (waiting for the breaker, no attempt spent), whichever worker claimed it: none failed.
    const heldBack = async () => {
      const rows = await cluster.sql<{ status: string; claims: number }>('SELECT r.status, j.claims FROM runs r JOIN jobs j ON j.run_id = r.id WHERE r.id = ANY($1)', [runIds]);
      return rows.length === runIds.length && rows.every((r) => r.status === 'waiting' && r.claims > 0);
    };
    expect(await until(heldBack, 15_000)).toBe(true);
    expect(failing.got.length).toBe(before);
    await failing.close();
  }, 90_000);
});
