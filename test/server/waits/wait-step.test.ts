import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

const env = useAppAndReceiver();
const post = (url: string, body: unknown) => ({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body });
type Step = { nodeId: string; status: string; output?: Record<string, unknown> };

async function deployAndTrigger(def: { name: string; nodes: unknown[]; edges: unknown[] }, body: object = { order: 7 }) {
  const { t } = env;
  const wf = (await request(t.app.handler).post('/api/workflows').set(t.auth).send(def)).body;
  expect(wf.id, JSON.stringify(wf)).toBeDefined();
  const hook = new URL((await request(t.app.handler).post(`/api/workflows/${wf.id}/activate`).set(t.auth)).body.hooks[0].url).pathname;
  const sent = await request(t.app.handler).post(hook).send(body);
  expect(sent.status).toBe(202);
  return sent.body.runId as string;
}

async function until<T>(get: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The path and query of a URL the server built on its PUBLIC_URL (the test drives the handler directly). */
const local = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

const receivedAt = (path: string) => env.rcv.got.filter((r) => r.url === path).map((r) => JSON.parse(r.body) as Record<string, unknown>);

describe('wait for a callback', () => {
  it('hands its resume URL to a step before it, resumes with the posted JSON, and refuses a second use', async () => {
    const { t, rcv } = env;
    const runId = await deployAndTrigger({
      name: 'wait for payment',
      nodes: [
        node('hook', 'webhook'),
        node('ask', 'http', post(`${rcv.url}/provider`, { callback: '{{ steps.pay.resumeUrl }}', order: '{{ trigger.body.order }}' })),
        node('pay', 'wait', { timeout: '1h' }),
        node('after', 'http', post(`${rcv.url}/after`, { paid: '{{ steps.pay.body.paid }}', url: '{{ steps.pay.resumeUrl }}' })),
        node('late', 'http', post(`${rcv.url}/late`, {})),
      ],
      edges: [edge('hook', 'ask'), edge('ask', 'pay'), edge('pay', 'after'), edge('pay', 'late', 'timeout')],
    });
    const asked = await until(
      async () => receivedAt('/provider'),
      (v) => v.length > 0,
    );
    const callback = String(asked[0]?.callback);
    expect(callback).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:9/resume/${runId}/pay/callback/[A-Za-z0-9_-]{43}$`));
    const waiting = await until(
      async () => (await request(t.app.handler).get(`/api/runs/${runId}`).set(t.auth)).body,
      (r) => r.status === 'waiting',
    );
    expect(waiting.status).toBe('waiting');
    expect(waiting.steps.find((s: Step) => s.nodeId === 'pay')).toMatchObject({ status: 'waiting' });

    // Unknown and forged URLs are 404; GET is not how a resume URL is called.
    expect(
      (
        await request(t.app.handler)
          .post(local(callback).replace(/\/[^/]+$/, '/' + 'A'.repeat(43)))
          .send({})
      ).status,
    ).toBe(404);
    expect((await request(t.app.handler).post(local(callback).replace('/pay/', '/ask/')).send({})).status).toBe(404);
    expect((await request(t.app.handler).post(local(callback).replace(runId, 'run_nope')).send({})).status).toBe(404);
    expect((await request(t.app.handler).get(local(callback))).status).toBe(405);
    expect((await request(t.app.handler).post(local(callback)).set('content-type', 'application/json').send('{"broken":')).status).toBe(400);

    const first = await request(t.app.handler).post(local(callback)).send({ paid: true, ref: 'pi_1' });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ accepted: true, runId, use: 1 });
    const second = await request(t.app.handler).post(local(callback)).send({ paid: false });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'CONFLICT', reason: 'already_used' });

    const done = await waitForRun(t.app.handler, t.auth, runId);
    expect(done.status).toBe('succeeded');
    const pay = done.steps.find((s: Step) => s.nodeId === 'pay');
    expect(pay.output).toMatchObject({ resumeUrl: callback, body: { paid: true, ref: 'pi_1' }, calls: 1 });
    expect(receivedAt('/after')).toEqual([{ paid: true, url: callback }]);
    expect(receivedAt('/late')).toEqual([]);
    // After the run ended the URL stays used, not unknown.
    expect((await request(t.app.handler).post(local(callback)).send({})).status).toBe(409);
  });

  it('takes the timeout handle when nobody calls in time; the URL then answers 410', async () => {
    const { t, rcv } = env;
    const runId = await deployAndTrigger({
      name: 'wait that times out',
      nodes: [
        node('hook', 'webhook'),
        node('cb', 'wait', { timeout: '300ms' }),
        node('ok', 'http', post(`${rcv.url}/never`, {})),
        node('gone', 'http', post(`${rcv.url}/timed-out`, { at: '{{ steps.cb.timeoutAt }}' })),
      ],
      edges: [edge('hook', 'cb'), edge('cb', 'ok'), edge('cb', 'gone', 'timeout')],
    });
    const done = await waitForRun(t.app.handler, t.auth, runId);
    expect(done.status).toBe('succeeded');
    const cb = done.steps.find((s: Step) => s.nodeId === 'cb');
    expect(cb.output).toMatchObject({ timedOut: true });
    expect(receivedAt('/never')).toEqual([]);
    expect(receivedAt('/timed-out')).toHaveLength(1);
    const late = await request(t.app.handler)
      .post(local(String(cb.output.resumeUrl)))
      .send({ paid: true });
    expect(late.status).toBe(410);
    expect(late.body.error).toMatchObject({ code: 'GONE', reason: 'expired' });
  });

  it('accepts as many calls as configured: the first resumes, later ones are acknowledged, then 409', async () => {
    const { t, rcv } = env;
    const runId = await deployAndTrigger({
      name: 'wait with retries allowed',
      nodes: [node('hook', 'webhook'), node('cb', 'wait', { timeout: '1h', maxUses: 2 }), node('after', 'http', post(`${rcv.url}/after-many`, { v: '{{ steps.cb.body.v }}' }))],
      edges: [edge('hook', 'cb'), edge('cb', 'after')],
    });
    const run = await until(
      async () => (await request(t.app.handler).get(`/api/runs/${runId}`).set(t.auth)).body,
      (r) => r.status === 'waiting',
    );
    const url = local(String(run.steps.find((s: Step) => s.nodeId === 'cb').output.resumeUrl));
    const calls = await Promise.all([1, 2, 3].map((v) => request(t.app.handler).post(url).send({ v })));
    expect(calls.map((c) => c.status).sort()).toEqual([202, 202, 409]);
    expect((await waitForRun(t.app.handler, t.auth, runId)).status).toBe('succeeded');
    expect(receivedAt('/after-many')).toHaveLength(1);
  });
});
