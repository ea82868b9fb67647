import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

const env = useAppAndReceiver();

describe('run now', () => {
  it('runs a manual-trigger workflow with a JSON payload, without a trigger URL, active or not', async () => {
    const def = {
      name: 'by hand',
      nodes: [node('start', 'manual', { samplePayload: { who: 'sample' } }), node('out', 'http', { url: `${env.rcv.url}/manual`, body: { who: '{{ trigger.body.who }}' } })],
      edges: [edge('start', 'out')],
    };
    const wf = (await request(env.t.app.handler).post('/api/workflows').set(env.t.auth).send(def)).body;
    expect(wf.hooks).toEqual([]);
    const run = await request(env.t.app.handler)
      .post(`/api/workflows/${wf.id}/run`)
      .set(env.t.auth)
      .send({ payload: { who: 'Ada' } });
    expect(run.status).toBe(202);
    expect((await waitForRun(env.t.app.handler, env.t.auth, run.body.runId)).status).toBe('succeeded');
    const sample = await request(env.t.app.handler).post(`/api/workflows/${wf.id}/run`).set(env.t.auth).send({});
    expect((await waitForRun(env.t.app.handler, env.t.auth, sample.body.runId)).status).toBe('succeeded');
    expect(env.rcv.got.filter((g) => g.url === '/manual').map((g) => g.body)).toEqual(['{"who":"Ada"}', '{"who":"sample"}']);
  });

  it('dedupes on an idempotency key and refuses unknown workflows', async () => {
    const def = { name: 'once', nodes: [node('start', 'manual')], edges: [] };
    const wf = (await request(env.t.app.handler).post('/api/workflows').set(env.t.auth).send(def)).body;
    const a = await request(env.t.app.handler).post(`/api/workflows/${wf.id}/run`).set(env.t.auth).send({ payload: 1, idempotencyKey: 'k1' });
    const b = await request(env.t.app.handler).post(`/api/workflows/${wf.id}/run`).set(env.t.auth).send({ payload: 1, idempotencyKey: 'k1' });
    expect(a.status).toBe(202);
    expect(b.status).toBe(200);
    expect(b.body.runId).toBe(a.body.runId);
    expect((await request(env.t.app.handler).post('/api/workflows/wf_missing/run').set(env.t.auth).send({})).status).toBe(404);
  });
});
