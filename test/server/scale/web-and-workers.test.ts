import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { createActiveWorkflow, startCluster, until, type Cluster } from '../../support/cluster.js';
import { hookToHttp } from '../../support/workflows.js';

// Real processes on one fresh PostgreSQL database: a web process that only accepts, and worker
// processes that only execute. Leases of 2 s so a killed worker's runs resume within the test.
let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ JOB_LEASE_MS: '2000' });
}, 30_000);
afterAll(() => cluster?.stop());

const send = async (hook: string, n: number) => {
  const res = await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n }) });
  await res.arrayBuffer();
  return res.status;
};
const runStatuses = async (workflowId: string) =>
  Object.fromEntries(
    (await cluster.sql<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM runs WHERE workflow_id = $1 GROUP BY status', [workflowId])).map((r) => [r.status, r.n]),
  );

describe('a web process and worker processes on one PostgreSQL', () => {
  it('events a web process acknowledged are executed by a separate worker process; a killed worker loses none of them', async () => {
    // Deliveries hang until `answering`: the first worker is mid-step when it is killed.
    let answering = false;
    const rcv = await startReceiver(() => (answering ? { status: 200 } : 'hang'));
    const web = await cluster.start('web', 'web,scheduler');
    const key = (await cluster.cli(['api-key', 'create', '--name', 'scale'])).trim().split('\n').pop() as string;
    const wf = await createActiveWorkflow(web.base as string, key, hookToHttp(`${rcv.url}/d`));

    // No worker anywhere yet: the web process acknowledges and queues, and executes nothing itself.
    const first = await Promise.all(Array.from({ length: 20 }, (_, n) => send(wf.hook as string, n)));
    expect(first.every((s) => s === 202)).toBe(true);
    expect(await runStatuses(wf.id)).toEqual({ queued: 20 });

    // A worker process starts (woken by NOTIFY or the poll) and takes the runs: its deliveries hang.
    const a = await cluster.start('worker-a', 'worker');
    expect(await until(() => rcv.got.length >= 10, 20_000)).toBe(true);
    const more = await Promise.all(Array.from({ length: 20 }, (_, i) => send(wf.hook as string, 100 + i)));
    expect(more.every((s) => s === 202)).toBe(true);

    // kill -9 mid-step; a second worker resumes the dead one's runs once their leases expire.
    await a.kill('SIGKILL');
    answering = true;
    const b = await cluster.start('worker-b', 'worker');
    const acked = [...Array.from({ length: 20 }, (_, n) => n), ...Array.from({ length: 20 }, (_, i) => 100 + i)];
    const delivered = () => new Set(rcv.got.filter((g) => g.body).map((g) => (JSON.parse(g.body) as { n: number }).n));
    expect(await until(async () => (await runStatuses(wf.id)).succeeded === 40, 40_000)).toBe(true);
    expect(acked.filter((n) => !delivered().has(n))).toEqual([]);
    // Each event ran once (one run per event) and every repeat of a delivery carried the same idempotency key.
    expect(await runStatuses(wf.id)).toEqual({ succeeded: 40 });
    const keys = new Map<number, Set<string>>();
    for (const g of rcv.got) {
      const n = (JSON.parse(g.body) as { n: number }).n;
      keys.set(n, (keys.get(n) ?? new Set()).add(String(g.headers['idempotency-key'])));
    }
    expect([...keys.values()].filter((k) => k.size !== 1)).toEqual([]);
    // The runs the killed worker held were claimed again (claim number 2) once their leases expired.
    const reclaimed = await cluster.sql<{ n: number }>('SELECT count(*)::int AS n FROM jobs WHERE workflow_id = $1 AND claims >= 2', [wf.id]);
    expect(reclaimed[0]?.n).toBeGreaterThanOrEqual(10);
    expect(b.child.exitCode).toBeNull();
    await rcv.close();
  }, 90_000);

  it('a worker paused with SIGSTOP past its lease and resumed commits nothing: another worker finished its runs', async () => {
    // Requests are held while `holding`; the paused worker's held requests are answered just before it resumes.
    let holding = true;
    const held: ServerResponse[] = [];
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => (holding ? held.push(res) : res.writeHead(200, { 'content-type': 'application/json' }).end('{}')));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/s`;
    const web = await cluster.start('web-2', 'web');
    const key = (await cluster.cli(['api-key', 'create', '--name', 'pause'])).trim().split('\n').pop() as string;
    const wf = await createActiveWorkflow(web.base as string, key, hookToHttp(url));
    // Only the worker about to be paused runs: the other workers of this file stop first.
    for (const p of cluster.processes().filter((p) => p.roles === 'worker')) await p.kill('SIGTERM');
    const c = await cluster.start('worker-c', 'worker');
    for (let n = 0; n < 5; n++) expect(await send(wf.hook as string, n)).toBe(202);
    expect(await until(() => held.length === 5, 20_000)).toBe(true);

    c.child.kill('SIGSTOP');
    holding = false;
    await cluster.start('worker-d', 'worker');
    expect(await until(async () => (await runStatuses(wf.id)).succeeded === 5, 30_000)).toBe(true);
    // The paused worker's steps now complete and try to commit with a claim that is no longer theirs.
    for (const res of held) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    c.child.kill('SIGCONT');
    expect(await until(() => c.logs().filter((l) => l.msg === 'lease lost; another worker continues the run').length === 5, 20_000)).toBe(true);
    const steps = await cluster.sql<{ n: number }>(`SELECT count(*)::int AS n FROM steps s JOIN runs r ON r.id = s.run_id WHERE r.workflow_id = $1 AND s.node_id = 'out'`, [wf.id]);
    expect(steps[0]?.n).toBe(5);
    expect(await runStatuses(wf.id)).toEqual({ succeeded: 5 });
    await new Promise<void>((r) => server.close(() => r()));
  }, 90_000);
});
