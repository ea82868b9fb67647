import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { jobStatus } from '../../support/stored.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

const env = useAppAndReceiver((r) => (r.url === '/hang' ? 'hang' : { status: 503 }));

async function trigger(url: string) {
  const def = { name: `cancel ${url}`, nodes: [node('hook', 'webhook'), node('out', 'http', { url: `${env.rcv.url}${url}`, timeoutMs: 60_000 })], edges: [edge('hook', 'out')] };
  const wf = (await request(env.t.app.handler).post('/api/workflows').set(env.t.auth).send(def)).body;
  const activated = await request(env.t.app.handler).post(`/api/workflows/${wf.id}/activate`).set(env.t.auth);
  return (await request(env.t.app.handler).post(new URL(activated.body.hooks[0].url).pathname).send({})).body.runId as string;
}

async function waitForStatus(runId: string, status: string) {
  for (let i = 0; i < 200; i++) {
    const res = await request(env.t.app.handler).get(`/api/runs/${runId}`).set(env.t.auth);
    if (res.body.status === status) return res.body;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`run ${runId} never became ${status}`);
}

describe('cancelling runs', () => {
  it('cancels a run waiting for its next retry, and no further attempt is made', async () => {
    const runId = await trigger('/fail');
    const waiting = await waitForStatus(runId, 'waiting');
    expect(waiting.wakeAt).toBeGreaterThan(Date.now());
    const res = await request(env.t.app.handler).post(`/api/runs/${runId}/cancel`).set(env.t.auth);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect(await jobStatus(env.t, runId)).toBe('cancelled');
    // The attempt that waited for a retry ends as cancelled: nothing shows "Retrying" any more.
    const detail = (await request(env.t.app.handler).get(`/api/runs/${runId}`).set(env.t.auth)).body as { steps: { nodeId: string; status: string; nextAttemptAt?: number }[] };
    const out = detail.steps.filter((st) => st.nodeId === 'out');
    expect(out.map((st) => st.status)).toEqual(['cancelled']);
    expect(out[0]?.nextAttemptAt ?? null).toBeNull();
  });

  it('a new test run replaces the test run still waiting for a retry, so it never blocks the next one', async () => {
    const def = {
      name: 'test run retrying',
      nodes: [node('hook', 'webhook'), node('out', 'http', { url: `${env.rcv.url}/fail`, retry: { attempts: 5, schedule: ['10m'] } })],
      edges: [edge('hook', 'out')],
    };
    const wf = (await request(env.t.app.handler).post('/api/workflows').set(env.t.auth).send(def)).body as { id: string };
    const event = { method: 'POST', headers: {}, query: {}, body: { n: 1 } };
    const first = await request(env.t.app.handler).post(`/api/workflows/${wf.id}/test-run`).set(env.t.auth).send({ event });
    expect(first.status).toBe(202);
    await waitForStatus(first.body.runId, 'waiting');
    // A real (not test) run of the same workflow is left alone.
    const activated = await request(env.t.app.handler).post(`/api/workflows/${wf.id}/activate`).set(env.t.auth);
    const real = (await request(env.t.app.handler).post(new URL(activated.body.hooks[0].url).pathname).send({})).body.runId as string;
    await waitForStatus(real, 'waiting');

    const second = await request(env.t.app.handler).post(`/api/workflows/${wf.id}/test-run`).set(env.t.auth).send({ event });
    expect(second.status).toBe(202);
    const replaced = await waitForStatus(first.body.runId, 'cancelled');
    expect(replaced.error).toMatchObject({ code: 'cancelled', message: expect.stringContaining('newer test run') });
    expect(replaced.steps.filter((st: { nodeId: string }) => st.nodeId === 'out').map((st: { status: string }) => st.status)).toEqual(['cancelled']);
    // The new test run gets to its HTTP step (and to its own retry wait) without waiting for the old one.
    await waitForStatus(second.body.runId, 'waiting');
    expect((await request(env.t.app.handler).get(`/api/runs/${real}`).set(env.t.auth)).body.status).toBe('waiting');
  });

  it('aborts a step in flight and ends the run as cancelled', async () => {
    const runId = await trigger('/hang');
    await waitForStatus(runId, 'running');
    for (let i = 0; i < 100 && !env.rcv.got.some((g) => g.url === '/hang'); i++) await new Promise((r) => setTimeout(r, 20));
    expect((await request(env.t.app.handler).post(`/api/runs/${runId}/cancel`).set(env.t.auth)).status).toBe(200);
    const run = await waitForRun(env.t.app.handler, env.t.auth, runId, 10_000);
    expect(run.status).toBe('cancelled');
    for (let i = 0; i < 100 && (await jobStatus(env.t, runId)) === 'running'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await jobStatus(env.t, runId)).toBe('cancelled');
  });

  it('refuses to cancel a finished run with 409, and an unknown one with 404', async () => {
    const runId = await trigger('/fail');
    await waitForStatus(runId, 'waiting');
    await request(env.t.app.handler).post(`/api/runs/${runId}/cancel`).set(env.t.auth);
    const again = await request(env.t.app.handler).post(`/api/runs/${runId}/cancel`).set(env.t.auth);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect((await request(env.t.app.handler).post('/api/runs/run_unknown/cancel').set(env.t.auth)).status).toBe(404);
  });
});
