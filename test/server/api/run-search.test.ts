import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

const env = useAppAndReceiver();
const api = () => request(env.t.app.handler);

describe('GET /api/runs search', () => {
  it('finds runs by event id (dedupe key), by a value at a JSON path of the trigger, and by time', async () => {
    const created = await api()
      .post('/api/workflows')
      .set(env.t.auth)
      .send({ name: 'search me', nodes: [node('hook', 'webhook'), node('c', 'code', { code: 'return 1' }, 250)], edges: [edge('hook', 'c')] });
    const activated = await api().post(`/api/workflows/${created.body.id}/activate`).set(env.t.auth);
    const hook = new URL(activated.body.hooks[0].url).pathname;
    const send = async (key: string, body: object | string, type = 'application/json') => {
      const ack = await api().post(hook).set('content-type', type).set('idempotency-key', key).set('x-source', 'Shop-1').send(body);
      expect(ack.status).toBe(202);
      await waitForRun(env.t.app.handler, env.t.auth, ack.body.runId);
      return ack.body.runId as string;
    };
    const paid = await send('evt_paid', { data: { object: { id: 'pi_123' } }, n: 42, live: true, items: [{ sku: 'a' }, { sku: 'b' }] });
    const refunded = await send('evt_refund', { data: { object: { id: 'pi_456' } }, n: 7, live: false });
    const form = await send('evt_form', 'a=1&b=2', 'application/x-www-form-urlencoded');
    const ids = async (query: Record<string, string>) => {
      const res = await api()
        .get('/api/runs')
        .query({ workflowId: created.body.id, ...query })
        .set(env.t.auth);
      expect(res.status, res.text).toBe(200);
      return (res.body.runs as Array<{ id: string }>).map((r) => r.id);
    };

    expect(await ids({ dedupeKey: 'evt_paid' })).toEqual([paid]);
    expect(await ids({ dedupeKey: 'evt_nope' })).toEqual([]);
    // Across workflows too (no workflowId): the dedupe key's own index.
    expect((await api().get('/api/runs').query({ dedupeKey: 'evt_refund' }).set(env.t.auth)).body.runs.map((r: { id: string }) => r.id)).toEqual([refunded]);

    expect(await ids({ where: 'trigger.body.data.object.id=pi_123' })).toEqual([paid]);
    expect(await ids({ where: 'trigger.body.n=42' })).toEqual([paid]);
    expect(await ids({ where: 'trigger.body.live=false' })).toEqual([refunded]);
    expect(await ids({ where: 'trigger.body.items[1].sku=b' })).toEqual([paid]);
    expect(await ids({ where: 'trigger.headers.X-Source=Shop-1' })).toEqual([form, refunded, paid]);
    expect(await ids({ where: 'trigger.body.data.object.id=pi_999' })).toEqual([]);

    const all = (await api().get(`/api/runs/${refunded}`).set(env.t.auth)).body;
    const at = new Date(all.createdAt).toISOString();
    expect(await ids({ from: at, where: 'trigger.headers.x-source=Shop-1' })).toEqual(expect.arrayContaining([refunded, form]));
    expect(await ids({ from: at })).not.toContain(paid);
    expect(await ids({ to: at })).toEqual([paid]);
    expect(await ids({ status: 'succeeded', dedupeKey: 'evt_form' })).toEqual([form]);
  });

  it('refuses a where that is not a trigger path with a 400 saying how to write one', async () => {
    for (const where of ['n=1', 'trigger.secret.x=1', 'trigger.body=1', 'trigger.body.a b=1', 'trigger.body.a']) {
      const res = await api().get('/api/runs').query({ where }).set(env.t.auth);
      expect(res.status, where).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
      expect(res.body.error.message).toContain('trigger.body.data.object.id=pi_123');
    }
  });
});
