import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, until, type Cluster } from '../../support/cluster.js';
import { node } from '../../support/workflows.js';

// Two web processes behind one imaginary load balancer: the editor's listen request lands on A,
// the test event on B. A's listener must get it, also for an inactive trigger (which B would
// otherwise answer with 404) and for a body over NOTIFY's 8000-byte limit.
let cluster: Cluster;
let a: Awaited<ReturnType<Cluster['start']>>;
let b: Awaited<ReturnType<Cluster['start']>>;
let auth: Record<string, string>;
beforeAll(async () => {
  cluster = await startCluster();
  a = await cluster.start('web-a', 'web,worker,scheduler');
  b = await cluster.start('web-b', 'web');
  const key = (await cluster.cli(['api-key', 'create', '--name', 'listen'])).trim().split('\n').pop() as string;
  auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
}, 40_000);
afterAll(() => cluster?.stop());

async function inactiveWorkflow(): Promise<{ id: string; hookPath: string }> {
  const res = await fetch(`${a.base}/api/workflows`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'listen across', nodes: [node('hook', 'webhook')], edges: [] }) });
  const created = (await res.json()) as { id: string; hooks: Array<{ url: string }> };
  expect(res.status).toBe(201);
  return { id: created.id, hookPath: new URL(created.hooks[0]?.url as string).pathname };
}

/** The editor's listen request, on process A. */
const listenOnA = (id: string) => fetch(`${a.base}/api/workflows/${id}/listen`, { method: 'POST', headers: auth, body: JSON.stringify({ nodeId: 'hook', timeoutMs: 30_000 }) });

describe('listen for a test event across web processes', () => {
  it('a test event sent to process B reaches the listener on process A', async () => {
    const wf = await inactiveWorkflow();
    // Before anyone listens, the inactive trigger is not found on B.
    expect((await fetch(`${b.base}${wf.hookPath}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(404);
    const listening = listenOnA(wf.id);
    // The listen announcement is a notice: B learns of it shortly after A starts waiting.
    let sent: Response | undefined;
    expect(
      await until(async () => {
        sent = await fetch(`${b.base}${wf.hookPath}?from=b`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-probe': 'across' }, body: JSON.stringify({ order: 'B-1' }) });
        return sent.status !== 404;
      }, 15_000),
    ).toBe(true);
    expect(sent?.status).toBeLessThan(300);
    const res = await listening;
    expect(res.status).toBe(200);
    const { event } = (await res.json()) as { event: { body: unknown; headers: Record<string, string>; query: Record<string, string> } };
    expect(event.body).toEqual({ order: 'B-1' });
    expect(event.headers['x-probe']).toBe('across');
    expect(event.query.from).toBe('b');
    // No run: the trigger is inactive, the request was only captured.
    expect(await cluster.sql('SELECT id FROM runs WHERE workflow_id = $1', [wf.id])).toHaveLength(0);
  }, 40_000);

  it('a body larger than a notice holds reaches the listener whole', async () => {
    const wf = await inactiveWorkflow();
    const listening = listenOnA(wf.id);
    const big = { text: 'x'.repeat(50_000) };
    expect(
      await until(async () => (await fetch(`${b.base}${wf.hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(big) })).status !== 404, 15_000),
    ).toBe(true);
    const res = await listening;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { event: { body: unknown } }).event.body).toEqual(big);
  }, 40_000);

  it('once the listener is gone, B answers 404 again for the inactive trigger', async () => {
    const wf = await inactiveWorkflow();
    const res = await fetch(`${a.base}/api/workflows/${wf.id}/listen`, { method: 'POST', headers: auth, body: JSON.stringify({ nodeId: 'hook', timeoutMs: 1_000 }) });
    expect(res.status).toBe(204);
    expect(await until(async () => (await fetch(`${b.base}${wf.hookPath}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status === 404, 10_000)).toBe(true);
  }, 30_000);
});
