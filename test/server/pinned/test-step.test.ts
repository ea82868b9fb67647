import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { edge, node } from '../../support/workflows.js';

// "Test this step" against a real receiver on 127.0.0.1: the tested step sends its request,
// the pinned step before it sends none, and nothing after it runs or is stored.
const env = useAppAndReceiver(() => ({ status: 201, body: '{"sent":true}' }));
const api = () => request(env.t.app.handler);

const definition = (pinned?: Record<string, unknown>) => ({
  name: 'test one step',
  nodes: [
    node('hook', 'webhook'),
    node('lookup', 'http', { method: 'GET', url: `${env.rcv.url}/lookup` }, 250),
    node('send', 'http', { method: 'POST', url: `${env.rcv.url}/send`, body: { customer: '{{ steps.lookup.customer }}', order: '{{ trigger.body.order }}' } }, 500),
    node('after', 'http', { method: 'POST', url: `${env.rcv.url}/after` }, 750),
  ],
  edges: [edge('hook', 'lookup'), edge('lookup', 'send'), edge('send', 'after')],
  ...(pinned ? { pinned } : {}),
});

describe('POST /api/workflows/:id/test-step', () => {
  it('runs one step on the given event and the pinned outputs before it, and nothing after it', async () => {
    const wf = await api()
      .post('/api/workflows')
      .set(env.t.auth)
      .send(definition({ lookup: { customer: 'cus_9' } }));
    expect(wf.status, wf.text).toBe(201);
    const res = await api()
      .post(`/api/workflows/${wf.body.id}/test-step`)
      .set(env.t.auth)
      .send({ nodeId: 'send', event: { body: { order: 'ord_1' } } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ nodeId: 'send', status: 'succeeded', output: { status: 201, body: { sent: true } } });
    expect(env.rcv.got.map((g) => g.url)).toEqual(['/send']);
    expect(JSON.parse(env.rcv.got[0]?.body ?? '{}')).toEqual({ customer: 'cus_9', order: 'ord_1' });
    const runs = await api().get(`/api/runs?workflowId=${wf.body.id}`).set(env.t.auth);
    expect(runs.body.runs).toEqual([]);
  });

  it('refuses a step whose upstream is not pinned, a trigger, an unknown step and a missing sample, with 400s', async () => {
    const wf = await api().post('/api/workflows').set(env.t.auth).send(definition());
    const id = wf.body.id as string;
    const before = env.rcv.got.length;
    const unpinned = await api()
      .post(`/api/workflows/${id}/test-step`)
      .set(env.t.auth)
      .send({ nodeId: 'send', event: { body: {} } });
    expect(unpinned.status).toBe(400);
    expect(unpinned.body.error).toMatchObject({ code: 'BAD_REQUEST', unpinned: ['lookup'] });
    expect(
      (
        await api()
          .post(`/api/workflows/${id}/test-step`)
          .set(env.t.auth)
          .send({ nodeId: 'hook', event: { body: {} } })
      ).status,
    ).toBe(400);
    expect((await api().post(`/api/workflows/${id}/test-step`).set(env.t.auth).send({ nodeId: 'nope' })).status).toBe(400);
    expect((await api().post(`/api/workflows/${id}/test-step`).set(env.t.auth).send({})).status).toBe(400);
    const noSample = await api().post(`/api/workflows/${id}/test-step`).set(env.t.auth).send({ nodeId: 'lookup' });
    expect(noSample.status).toBe(400);
    expect(noSample.body.error.message).toMatch(/sample/);
    expect((await api().post('/api/workflows/wf_missing/test-step').set(env.t.auth).send({ nodeId: 'send' })).status).toBe(404);
    expect(env.rcv.got.length).toBe(before);
  });
});
