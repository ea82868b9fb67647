import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

const env = useAppAndReceiver((r) => (r.url === '/broken' ? { status: 500, body: '{"oops":1}' } : { status: 200 }));

const flaky = (onFailure?: string) => ({ ...node('call', 'http', { url: `${env.rcv.url}/broken`, retry: { attempts: 1 } }), ...(onFailure ? { onFailure } : {}) });

async function runOf(def: object) {
  const wf = (await request(env.t.app.handler).post('/api/workflows').set(env.t.auth).send(def)).body;
  expect(wf.id, JSON.stringify(wf)).toBeDefined();
  return waitForRun(
    env.t.app.handler,
    env.t.auth,
    (
      await request(env.t.app.handler)
        .post(`/api/workflows/${wf.id}/run`)
        .set(env.t.auth)
        .send({ payload: { n: 1 } })
    ).body.runId,
  );
}

describe('what a failed step does', () => {
  it('fails the run by default and names the step', async () => {
    const run = await runOf({
      name: 'default',
      nodes: [node('start', 'manual'), flaky(), node('after', 'http', { url: `${env.rcv.url}/after-default` })],
      edges: [edge('start', 'call'), edge('call', 'after')],
    });
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'step_failed', nodeId: 'call' });
    expect(run.steps.find((s: { nodeId: string }) => s.nodeId === 'after').status).toBe('skipped');
  });

  it('continues down the normal output with the error as the output', async () => {
    const run = await runOf({
      name: 'continue',
      nodes: [node('start', 'manual'), flaky('continue'), node('after', 'http', { url: `${env.rcv.url}/after-continue`, body: { failed: '{{ input.error.code }}' } })],
      edges: [edge('start', 'call'), edge('call', 'after')],
    });
    expect(run.status).toBe('succeeded');
    expect(run.steps.find((s: { nodeId: string }) => s.nodeId === 'call').status).toBe('failed');
    expect(env.rcv.got.filter((g) => g.url === '/after-continue').map((g) => JSON.parse(g.body).failed)).toEqual([expect.any(String)]);
  });

  it('takes the error branch, and only it', async () => {
    const run = await runOf({
      name: 'branch',
      nodes: [
        node('start', 'manual'),
        flaky('branch'),
        node('ok', 'http', { url: `${env.rcv.url}/on-ok` }),
        node('alert', 'http', { url: `${env.rcv.url}/on-error`, body: { step: 'call', why: '{{ steps.call.error.message }}' } }),
      ],
      edges: [edge('start', 'call'), edge('call', 'ok'), edge('call', 'alert', 'error')],
    });
    expect(run.status).toBe('succeeded');
    expect(run.steps.find((s: { nodeId: string }) => s.nodeId === 'ok').status).toBe('skipped');
    expect(env.rcv.got.filter((g) => g.url === '/on-error')).toHaveLength(1);
    expect(env.rcv.got.some((g) => g.url === '/on-ok')).toBe(false);
  });

  it('refuses an error edge from a step that does not branch on failure', async () => {
    const res = await request(env.t.app.handler)
      .post('/api/workflows')
      .set(env.t.auth)
      .send({ name: 'bad', nodes: [node('start', 'manual'), flaky(), node('alert', 'http', { url: `${env.rcv.url}/x` })], edges: [edge('start', 'call'), edge('call', 'alert', 'error')] });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].message).toContain('no output "error"');
  });
});
