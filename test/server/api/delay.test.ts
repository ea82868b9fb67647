import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

const env = useAppAndReceiver();

async function deploy(delayConfig: Record<string, unknown>, path: string) {
  const def = {
    name: `delay ${path}`,
    nodes: [node('hook', 'webhook'), node('wait', 'delay', delayConfig), node('out', 'http', { url: `${env.rcv.url}${path}`, body: { id: '{{ input.body.id }}' } })],
    edges: [edge('hook', 'wait'), edge('wait', 'out')],
  };
  const wf = (await request(env.t.app.handler).post('/api/workflows').set(env.t.auth).send(def)).body;
  expect(wf.id).toBeDefined();
  const activated = await request(env.t.app.handler).post(`/api/workflows/${wf.id}/activate`).set(env.t.auth);
  return new URL(activated.body.hooks[0].url).pathname;
}

describe('delay', () => {
  it('parks the run as waiting with its resume time, then continues with the same input', async () => {
    const hook = await deploy({ mode: 'duration', duration: '1s' }, '/later');
    const sentAt = Date.now();
    const runId = (await request(env.t.app.handler).post(hook).send({ id: 'c-1' })).body.runId;
    let waiting;
    for (let i = 0; i < 100; i++) {
      waiting = (await request(env.t.app.handler).get(`/api/runs/${runId}`).set(env.t.auth)).body;
      if (waiting.status === 'waiting') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(waiting.status).toBe('waiting');
    expect(waiting.wakeAt).toBeGreaterThanOrEqual(sentAt + 1_000);
    expect(waiting.steps.find((s: { nodeId: string }) => s.nodeId === 'wait')).toMatchObject({ status: 'waiting', nextAttemptAt: waiting.wakeAt });
    expect(env.rcv.got.some((g) => g.url === '/later')).toBe(false);

    const done = await waitForRun(env.t.app.handler, env.t.auth, runId, 10_000);
    expect(done.status).toBe('succeeded');
    expect(done.steps.find((s: { nodeId: string }) => s.nodeId === 'wait').status).toBe('succeeded');
    expect(env.rcv.got.filter((g) => g.url === '/later').map((g) => g.body)).toEqual(['{"id":"c-1"}']);
  });

  it('waits until a time taken from the event, and a time in the past does not wait at all', async () => {
    const hook = await deploy({ mode: 'until', until: '{{ trigger.body.at }}' }, '/until');
    const past = (await request(env.t.app.handler).post(hook).send({ id: 'p', at: '2001-01-01T00:00:00Z' })).body.runId;
    expect((await waitForRun(env.t.app.handler, env.t.auth, past, 5_000)).status).toBe('succeeded');
    const soon = (
      await request(env.t.app.handler)
        .post(hook)
        .send({ id: 's', at: Date.now() + 800 })
    ).body.runId;
    expect((await waitForRun(env.t.app.handler, env.t.auth, soon, 10_000)).status).toBe('succeeded');
    const bad = (await request(env.t.app.handler).post(hook).send({ id: 'b', at: 'next tuesday-ish' })).body.runId;
    const failed = await waitForRun(env.t.app.handler, env.t.auth, bad, 5_000);
    expect(failed.status).toBe('failed');
    expect(failed.steps.find((s: { nodeId: string }) => s.nodeId === 'wait').error.code).toBe('invalid_time');
  });

  it('refuses delays over a year when the workflow is saved', async () => {
    const res = await request(env.t.app.handler)
      .post('/api/workflows')
      .set(env.t.auth)
      .send({ name: 'too long', nodes: [node('hook', 'webhook'), node('wait', 'delay', { duration: '400d' })], edges: [edge('hook', 'wait')] });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0]).toMatchObject({ nodeId: 'wait', path: 'config.duration' });
  });
});
