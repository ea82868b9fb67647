import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { startTestApp } from '../../support/test-app.js';
import { edge, node } from '../../support/workflows.js';

let t: Awaited<ReturnType<typeof startTestApp>>;
let rcv: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  t = await startTestApp();
  rcv = await startReceiver((r) => (r.url === '/hang' ? 'hang' : { status: 500 }));
});
afterAll(async () => {
  await rcv.close();
  await t.stop();
});

async function activate(name: string, second: ReturnType<typeof node>, settings: object = {}) {
  const def = { name, nodes: [node('hook', 'webhook'), second], edges: [edge('hook', second.id)], settings };
  const created = await request(t.app.handler).post('/api/workflows').set(t.auth).send(def);
  expect(created.status).toBe(201);
  const active = await request(t.app.handler).post(`/api/workflows/${created.body.id}/activate`).set(t.auth);
  return { id: created.body.id as string, hook: new URL(active.body.hooks[0].url).pathname };
}

async function queue(): Promise<{ workflows: Array<Record<string, { count: number; oldestAgeMs: number | null }> & { workflowId: string }>; totals: Record<string, number> }> {
  const res = await request(t.app.handler).get('/api/queue').set(t.auth);
  expect(res.status).toBe(200);
  return res.body;
}

describe('queue visibility', () => {
  it("counts each workflow's runs queued, running, waiting and retrying, with the age of the oldest", async () => {
    const retrying = await activate('retrying', node('out', 'http', { method: 'POST', url: `${rcv.url}/fail`, retry: { attempts: 3, schedule: ['1h'] } }));
    const delayed = await activate('delayed', node('wait', 'delay', { duration: '1h' }));
    const busy = await activate('busy', node('out', 'http', { method: 'POST', url: `${rcv.url}/hang`, timeoutMs: 60_000 }), { concurrency: 1 });
    await request(t.app.handler).post(retrying.hook).send({});
    await request(t.app.handler).post(delayed.hook).send({});
    for (let i = 0; i < 3; i++) await request(t.app.handler).post(busy.hook).send({ i });

    let q = await queue();
    for (let i = 0; i < 200; i++) {
      const by = new Map(q.workflows.map((w) => [w.workflowId, w]));
      if (by.get(retrying.id)?.retrying?.count === 1 && by.get(delayed.id)?.waiting?.count === 1 && by.get(busy.id)?.running?.count === 1) break;
      await new Promise((r) => setTimeout(r, 25));
      q = await queue();
    }
    const by = new Map(q.workflows.map((w) => [w.workflowId, w]));
    expect(by.get(retrying.id)).toMatchObject({ queued: { count: 0 }, running: { count: 0 }, waiting: { count: 0 }, retrying: { count: 1 }, total: 1 });
    expect(by.get(delayed.id)).toMatchObject({ queued: { count: 0 }, running: { count: 0 }, waiting: { count: 1 }, retrying: { count: 0 }, total: 1 });
    expect(by.get(busy.id)).toMatchObject({ queued: { count: 2 }, running: { count: 1 }, waiting: { count: 0 }, retrying: { count: 0 }, total: 3 });
    expect(by.get(busy.id)?.queued?.oldestAgeMs).toBeGreaterThanOrEqual(0);
    expect(by.get(busy.id)?.oldestAgeMs).toBeGreaterThanOrEqual(by.get(busy.id)?.queued?.oldestAgeMs ?? 0);
    expect(q.totals).toMatchObject({ queued: 2, running: 1, waiting: 1, retrying: 1 });

    const one = await request(t.app.handler).get(`/api/queue?workflowId=${delayed.id}`).set(t.auth);
    expect(one.body.workflows).toHaveLength(1);
    expect(one.body.workflows[0].workflowId).toBe(delayed.id);
    expect((await request(t.app.handler).get('/api/queue')).status).toBe(401);
  });
});
