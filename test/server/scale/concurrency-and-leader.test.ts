import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { createActiveWorkflow, startCluster, until, type Cluster } from '../../support/cluster.js';
import { edge, hookToHttp, node } from '../../support/workflows.js';

let cluster: Cluster;
let key: string;
let web: Awaited<ReturnType<Cluster['start']>>;
beforeAll(async () => {
  cluster = await startCluster({ JOB_LEASE_MS: '3000' });
  web = await cluster.start('web', 'web');
  key = (await cluster.cli(['api-key', 'create', '--name', 'scale'])).trim().split('\n').pop() as string;
}, 30_000);
afterAll(() => cluster?.stop());

/** A receiver that answers after `delayMs` and records the most requests it ever held at once. */
async function countingReceiver(delayMs: number) {
  let inFlight = 0;
  let most = 0;
  const seen: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      inFlight++;
      most = Math.max(most, inFlight);
      seen.push((JSON.parse(Buffer.concat(chunks).toString()) as { n: number }).n);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    most: () => most,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('three workers and two schedulers on one PostgreSQL', () => {
  it('never runs more of a workflow at once than its concurrency limit, across 3 worker processes', async () => {
    const rcv = await countingReceiver(150);
    const def = { ...hookToHttp(`${rcv.url}/c`), settings: { concurrency: 2 } };
    const wf = await createActiveWorkflow(web.base as string, key, def);
    // Queued before any worker runs, so all three compete for the same backlog from the start.
    for (let n = 0; n < 30; n++) {
      const res = await fetch(wf.hook as string, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n }) });
      expect(res.status).toBe(202);
    }
    const workers = await Promise.all(['w1', 'w2', 'w3'].map((name) => cluster.start(name, 'worker', { WORKER_CONCURRENCY: '8' })));
    expect(await until(() => new Set(rcv.seen).size === 30, 40_000)).toBe(true);
    expect(rcv.most()).toBeLessThanOrEqual(2);
    await Promise.all(workers.map((w) => w.kill('SIGTERM')));
    await rcv.close();
  }, 60_000);

  it('when the leading scheduler is killed, another takes over and each schedule tick fires exactly once', async () => {
    const rcv = await startReceiver();
    const def = {
      name: 'every second',
      nodes: [node('tick', 'schedule', { mode: 'interval', every: '1s' }), node('out', 'http', { method: 'POST', url: `${rcv.url}/tick`, body: { at: '{{ trigger.body.scheduledAt }}' } }, 250)],
      edges: [edge('tick', 'out')],
    };
    const worker = await cluster.start('worker', 'worker');
    const s1 = await cluster.start('sched-1', 'scheduler');
    const s2 = await cluster.start('sched-2', 'scheduler');
    await createActiveWorkflow(web.base as string, key, def);
    const ticks = () => rcv.got.map((g) => (JSON.parse(g.body) as { at: string }).at);
    expect(await until(() => ticks().length >= 3, 20_000)).toBe(true);

    // Exactly one of the two leads; kill it the hard way (its session, and so its lock, ends with it).
    const leading = (p: typeof s1) => p.logs().some((l) => String(l.msg).startsWith('leading:'));
    expect([s1, s2].filter(leading)).toHaveLength(1);
    const [leader, follower] = leading(s1) ? [s1, s2] : [s2, s1];
    await leader.kill('SIGKILL');
    const before = ticks().length;
    expect(await until(() => leading(follower), 15_000)).toBe(true);
    expect(await until(() => ticks().length >= before + 3, 20_000)).toBe(true);

    // Every tick time was delivered once: the overlap of two leaders (or a tick fired twice) would repeat one.
    const all = ticks();
    expect(all.filter((t, i) => all.indexOf(t) !== i)).toEqual([]);
    const events = await cluster.sql<{ n: number; keys: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT dedupe_key)::int AS keys FROM events WHERE workflow_id IN (SELECT id FROM workflows WHERE name = 'every second')`,
    );
    expect(events[0]?.n).toBe(events[0]?.keys);
    await worker.kill('SIGTERM');
    await follower.kill('SIGTERM');
    await rcv.close();
  }, 60_000);
});
