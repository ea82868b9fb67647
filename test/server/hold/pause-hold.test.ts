import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { hookToHttp, node } from '../../support/workflows.js';

const env = useAppAndReceiver();

async function deploy(def: ReturnType<typeof hookToHttp>) {
  const { t } = env;
  const wf = (await request(t.app.handler).post('/api/workflows').set(t.auth).send(def)).body;
  const activated = await request(t.app.handler).post(`/api/workflows/${wf.id}/activate`).set(t.auth);
  return { id: wf.id as string, hook: new URL(activated.body.hooks[0].url).pathname };
}

const runsOf = async (workflowId: string) => (await request(env.t.app.handler).get(`/api/runs?workflowId=${workflowId}&limit=100`).set(env.t.auth)).body.runs as unknown[];

async function until(check: () => boolean | Promise<boolean>, ms = 120_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('pause and hold', () => {
  it('holds 1,000 events while paused (202, stored, no run) and runs each exactly once after resume', { timeout: 240_000 }, async () => {
    const { t, rcv } = env;
    const def = hookToHttp(`${rcv.url}/count`, { n: '{{ trigger.body.n }}' }, 'held thousand');
    def.nodes[0] = node('hook', 'webhook', { rateLimit: { requests: 1_000_000, per: 'second' } });
    const wf = await deploy(def);
    const paused = await request(t.app.handler).post(`/api/workflows/${wf.id}/pause`).set(t.auth);
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ active: true, paused: true, heldCount: 0 });

    const answers: Array<{ status: number; body: Record<string, unknown> }> = [];
    for (let start = 0; start < 1_000; start += 50) {
      const batch = Array.from({ length: 50 }, (_, i) =>
        request(t.app.handler)
          .post(wf.hook)
          .send({ n: start + i }),
      );
      for (const res of await Promise.all(batch)) answers.push({ status: res.status, body: res.body });
    }
    expect(answers.every((a) => a.status === 202 && typeof a.body.eventId === 'string' && a.body.held === true && a.body.runId === undefined)).toBe(true);
    expect(new Set(answers.map((a) => a.body.eventId)).size).toBe(1_000);
    // Nothing started: no run exists, and the receiver heard nothing.
    expect(await runsOf(wf.id)).toEqual([]);
    expect(rcv.got.filter((r) => r.url === '/count')).toHaveLength(0);
    const shown = (await request(t.app.handler).get(`/api/workflows/${wf.id}`).set(t.auth)).body;
    expect(shown).toMatchObject({ paused: true, pauseState: 'paused', heldCount: 1_000 });

    // Two resumes at once: every held event still starts once.
    const [a, b] = await Promise.all([1, 2].map(() => request(t.app.handler).post(`/api/workflows/${wf.id}/resume`).set(t.auth)));
    expect([a?.status, b?.status]).toEqual([200, 200]);
    expect((a?.body.released ?? 0) + (b?.body.released ?? 0)).toBe(1_000);
    expect(b?.body).toMatchObject({ paused: false, pauseState: 'off', heldCount: 0 });

    const delivered = () => rcv.got.filter((r) => r.url === '/count');
    await until(() => delivered().length >= 1_000);
    const ns = delivered().map((r) => (JSON.parse(r.body) as { n: number }).n);
    expect(ns).toHaveLength(1_000);
    expect(new Set(ns).size).toBe(1_000);
    expect([...new Set(ns)].sort((x, y) => x - y)).toEqual(Array.from({ length: 1_000 }, (_, i) => i));

    // Not paused any more: the next event runs at once.
    const next = await request(t.app.handler).post(wf.hook).send({ n: 1_000 });
    expect(next.status).toBe(202);
    expect(typeof next.body.runId).toBe('string');
  });

  it('still checks signatures and limits while paused', async () => {
    const { t, rcv } = env;
    const cred = await request(t.app.handler)
      .post('/api/credentials')
      .set(t.auth)
      .send({ name: 'hold token', type: 'header', data: { name: 'authorization', value: 'Bearer held' } });
    const def = hookToHttp(`${rcv.url}/guarded`, { n: '{{ trigger.body.n }}' }, 'held guarded');
    def.nodes[0] = node('hook', 'webhook', { auth: { kind: 'header', credentialId: cred.body.id }, rateLimit: { requests: 2, per: 'minute', burst: 2 } });
    const wf = await deploy(def);
    await request(t.app.handler).post(`/api/workflows/${wf.id}/pause`).set(t.auth).expect(200);
    expect((await request(t.app.handler).post(wf.hook).set('authorization', 'Bearer wrong').send({ n: 1 })).status).toBe(401);
    expect((await request(t.app.handler).post(wf.hook).set('authorization', 'Bearer held').send({ n: 2 })).status).toBe(202);
    const limited = await request(t.app.handler).post(wf.hook).set('authorization', 'Bearer held').send({ n: 3 });
    expect(limited.status).toBe(429);
    expect((await request(t.app.handler).get(`/api/workflows/${wf.id}`).set(t.auth)).body.heldCount).toBe(1);
    // Pausing is not deactivating: deactivate answers 404 on the live URL, pause keeps accepting.
    expect((await request(t.app.handler).post(`/api/workflows/nope/pause`).set(t.auth)).status).toBe(404);
  });
});
