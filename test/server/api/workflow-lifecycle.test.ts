import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, hookToHttp, node } from '../../support/workflows.js';

const env = useAppAndReceiver();

const hookPath = (url: string) => new URL(url).pathname;

async function deploy(def: object) {
  const created = await request(env.t.app.handler).post('/api/workflows').set(env.t.auth).send(def);
  expect(created.status).toBe(201);
  const activated = await request(env.t.app.handler).post(`/api/workflows/${created.body.id}/activate`).set(env.t.auth);
  expect(activated.status).toBe(200);
  return { id: created.body.id as string, hook: hookPath(activated.body.hooks[0].url) };
}

describe('a workflow from save to inspected run', () => {
  it('saves, activates, triggers, runs in the background and reads every step back', async () => {
    const def = {
      name: 'paid orders',
      nodes: [
        node('hook', 'webhook'),
        node('paid', 'filter', { rules: [{ field: 'trigger.body.status', operator: 'equals', value: 'paid' }] }),
        node('post', 'http', {
          method: 'POST',
          url: `${env.rcv.url}/orders`,
          headers: { 'content-type': 'application/json' },
          body: { id: '{{ trigger.body.id }}', text: 'Order {{ trigger.body.id }} paid' },
        }),
      ],
      edges: [edge('hook', 'paid'), edge('paid', 'post')],
    };
    const { hook } = await deploy(def);
    const ack = await request(env.t.app.handler).post(hook).set('content-type', 'application/json').send({ id: 42, status: 'paid' });
    expect(ack.status).toBe(202);
    expect(ack.body).toEqual({ runId: expect.stringMatching(/^run_/), eventId: expect.stringMatching(/^evt_/) });

    const run = await waitForRun(env.t.app.handler, env.t.auth, ack.body.runId);
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((s: { nodeId: string; status: string }) => `${s.nodeId}:${s.status}`)).toEqual(['hook:succeeded', 'paid:succeeded', 'post:succeeded']);
    const post = run.steps[2];
    expect(post.input.body).toEqual({ id: 42, status: 'paid' });
    expect(post.output.status).toBe(200);
    expect(post.startedAt).toBeTypeOf('number');
    expect(post.finishedAt).toBeGreaterThanOrEqual(post.startedAt);
    const delivered = env.rcv.got.filter((g) => g.url === '/orders');
    expect(delivered.map((g) => JSON.parse(g.body))).toEqual([{ id: 42, text: 'Order 42 paid' }]);
    expect(delivered[0]?.headers['idempotency-key']).toMatch(/^sy_/);
  });

  it('stops at a filter that does not pass and marks the rest skipped', async () => {
    const { hook } = await deploy({
      name: 'only big',
      nodes: [node('hook', 'webhook'), node('big', 'filter', { rules: [{ field: 'trigger.body.amount', operator: 'greater_than', value: 100 }] }), node('post', 'http', { url: `${env.rcv.url}/big` })],
      edges: [edge('hook', 'big'), edge('big', 'post')],
    });
    const ack = await request(env.t.app.handler).post(hook).send({ amount: 5 });
    const run = await waitForRun(env.t.app.handler, env.t.auth, ack.body.runId);
    expect(run.status).toBe('succeeded');
    expect(run.steps.find((s: { nodeId: string }) => s.nodeId === 'post').status).toBe('skipped');
    expect(env.rcv.got.some((g) => g.url === '/big')).toBe(false);
  });

  it('routes a branch down the matching side only', async () => {
    const { hook } = await deploy({
      name: 'branching',
      nodes: [
        node('hook', 'webhook'),
        node('vip', 'branch', { rules: [{ field: 'trigger.body.tier', operator: 'equals', value: 'gold' }] }),
        node('yes', 'http', { url: `${env.rcv.url}/gold`, body: { who: '{{ input.body.name }}' } }),
        node('no', 'http', { url: `${env.rcv.url}/regular`, body: { who: '{{ input.body.name }}' } }),
      ],
      edges: [edge('hook', 'vip'), edge('vip', 'yes', 'true'), edge('vip', 'no', 'false')],
    });
    const gold = await request(env.t.app.handler).post(hook).send({ tier: 'gold', name: 'Ada' });
    const plain = await request(env.t.app.handler).post(hook).send({ tier: 'basic', name: 'Bob' });
    expect((await waitForRun(env.t.app.handler, env.t.auth, gold.body.runId)).status).toBe('succeeded');
    expect((await waitForRun(env.t.app.handler, env.t.auth, plain.body.runId)).status).toBe('succeeded');
    expect(env.rcv.got.filter((g) => g.url === '/gold').map((g) => g.body)).toEqual(['{"who":"Ada"}']);
    expect(env.rcv.got.filter((g) => g.url === '/regular').map((g) => g.body)).toEqual(['{"who":"Bob"}']);
  });

  it('keeps every save as a version and pins a run to the version that started it', async () => {
    const { id, hook } = await deploy(hookToHttp(`${env.rcv.url}/v1`));
    const first = await request(env.t.app.handler).post(hook).send({ n: 1 });
    await waitForRun(env.t.app.handler, env.t.auth, first.body.runId);
    const updated = await request(env.t.app.handler)
      .put(`/api/workflows/${id}`)
      .set(env.t.auth)
      .send(hookToHttp(`${env.rcv.url}/v2`));
    expect(updated.body.version).toBe(2);
    expect(hookPath(updated.body.hooks[0].url)).toBe(hook);
    const second = await request(env.t.app.handler).post(hook).send({ n: 2 });
    const run2 = await waitForRun(env.t.app.handler, env.t.auth, second.body.runId);
    expect(run2.version).toBe(2);
    expect((await request(env.t.app.handler).get(`/api/runs/${first.body.runId}`).set(env.t.auth)).body.version).toBe(1);
    const versions = await request(env.t.app.handler).get(`/api/workflows/${id}/versions`).set(env.t.auth);
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const v1 = await request(env.t.app.handler).get(`/api/workflows/${id}/versions/1`).set(env.t.auth);
    expect(v1.body.definition.nodes[1].config.url).toBe(`${env.rcv.url}/v1`);
  });

  it('answers a save of the unchanged graph with the current version instead of making a new one', async () => {
    const def = hookToHttp(`${env.rcv.url}/same`);
    const { id } = await deploy(def);
    const again = await request(env.t.app.handler).put(`/api/workflows/${id}`).set(env.t.auth).send(def);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id, version: 1, active: true });
    // The same graph with its keys in another order is the same graph.
    const reordered = Object.fromEntries(Object.entries(def).reverse());
    expect((await request(env.t.app.handler).put(`/api/workflows/${id}`).set(env.t.auth).send(reordered)).body.version).toBe(1);
    const versions = await request(env.t.app.handler).get(`/api/workflows/${id}/versions`).set(env.t.auth);
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    const renamed = await request(env.t.app.handler)
      .put(`/api/workflows/${id}`)
      .set(env.t.auth)
      .send({ ...def, name: 'renamed' });
    expect(renamed.body.version).toBe(2);
  });

  it('replays a run from its stored event as a new run', async () => {
    const { hook } = await deploy(hookToHttp(`${env.rcv.url}/replay`));
    const ack = await request(env.t.app.handler).post(hook).send({ n: 7 });
    await waitForRun(env.t.app.handler, env.t.auth, ack.body.runId);
    const replay = await request(env.t.app.handler).post(`/api/runs/${ack.body.runId}/replay`).set(env.t.auth);
    expect(replay.status).toBe(202);
    expect(replay.body.runId).not.toBe(ack.body.runId);
    const run = await waitForRun(env.t.app.handler, env.t.auth, replay.body.runId);
    expect(run).toMatchObject({ status: 'succeeded', replayOf: ack.body.runId, eventId: expect.any(String) });
    expect(env.rcv.got.filter((g) => g.url === '/replay').map((g) => g.body)).toEqual(['{"n":7}', '{"n":7}']);
  });

  it('answers a waiting trigger with its Respond step', async () => {
    const { hook } = await deploy({
      name: 'sync answer',
      nodes: [
        node('hook', 'webhook', { respond: 'respond-step', respondTimeoutMs: 5000 }),
        node('reply', 'respond', { status: 201, headers: { 'x-order': '{{ trigger.body.id }}' }, body: { received: '{{ trigger.body.id }}' } }),
      ],
      edges: [edge('hook', 'reply')],
    });
    const res = await request(env.t.app.handler).post(hook).send({ id: 'A-1' });
    expect(res.status).toBe(201);
    expect(res.headers['x-order']).toBe('A-1');
    expect(res.body).toEqual({ received: 'A-1' });
  });

  it('fails a Respond step whose header value the HTTP layer would refuse, and the sender still gets its 202', async () => {
    const { hook } = await deploy({
      name: 'bad reply header',
      nodes: [node('hook', 'webhook', { respond: 'respond-step', respondTimeoutMs: 5000 }), node('reply', 'respond', { headers: { 'x-who': '{{ trigger.body.who }}' }, body: 'ok' })],
      edges: [edge('hook', 'reply')],
    });
    for (const who of ['line\nbreak', 'snow ☃']) {
      const res = await request(env.t.app.handler).post(hook).send({ who });
      expect(res.status).toBe(202);
      const run = await waitForRun(env.t.app.handler, env.t.auth, res.body.runId);
      expect(run.steps.find((s: { nodeId: string }) => s.nodeId === 'reply').error.code).toBe('invalid_header');
    }
  });

  it('falls back to 202 as soon as a waiting run ends without a Respond step', async () => {
    const { hook } = await deploy({
      name: 'maybe answer',
      nodes: [
        node('hook', 'webhook', { respond: 'respond-step', respondTimeoutMs: 30000 }),
        node('gate', 'filter', { rules: [{ field: 'trigger.body.ok', operator: 'is_true' }] }),
        node('reply', 'respond', { body: 'fine' }),
      ],
      edges: [edge('hook', 'gate'), edge('gate', 'reply')],
    });
    const started = Date.now();
    const res = await request(env.t.app.handler).post(hook).send({ ok: false });
    expect(res.status).toBe(202);
    expect(res.body.runId).toMatch(/^run_/);
    expect(Date.now() - started).toBeLessThan(25_000);
  });

  it('lists runs newest first with a cursor and filters by workflow and status', async () => {
    const { id, hook } = await deploy(hookToHttp(`${env.rcv.url}/list`));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await request(env.t.app.handler).post(hook).send({ n: i })).body.runId);
    for (const r of ids) await waitForRun(env.t.app.handler, env.t.auth, r);
    const page1 = await request(env.t.app.handler).get(`/api/runs?workflowId=${id}&limit=3`).set(env.t.auth);
    const page2 = await request(env.t.app.handler).get(`/api/runs?workflowId=${id}&limit=3&cursor=${page1.body.nextCursor}`).set(env.t.auth);
    expect([...page1.body.runs, ...page2.body.runs].map((r: { id: string }) => r.id)).toEqual([...ids].reverse());
    expect(page2.body.nextCursor).toBeNull();
    const failed = await request(env.t.app.handler).get(`/api/runs?workflowId=${id}&status=failed`).set(env.t.auth);
    expect(failed.body.runs).toEqual([]);
    expect((await request(env.t.app.handler).get('/api/runs?status=bogus').set(env.t.auth)).status).toBe(400);
    expect((await request(env.t.app.handler).get('/api/runs?cursor=%%%').set(env.t.auth)).status).toBe(400);
    expect((await request(env.t.app.handler).get('/api/runs?limit=0').set(env.t.auth)).status).toBe(400);
  });
});
