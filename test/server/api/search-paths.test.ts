import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

const env = useAppAndReceiver();
const api = () => request(env.t.app.handler);
const workflow = (searchPaths: unknown) => ({
  name: 'searchable',
  nodes: [node('hook', 'webhook'), node('c', 'code', { code: 'return 1' }, 250)],
  edges: [edge('hook', 'c')],
  settings: { searchPaths },
});

describe('settings.searchPaths', () => {
  it('refuses a path outside the trigger body, more than five, or one twice, with a clear 400', async () => {
    const refusals: Array<[unknown, string]> = [
      [['trigger.query.id'], 'a search path is a path into the trigger body, such as trigger.body.data.object.id'],
      [['trigger.body'], 'a search path is a path into the trigger body'],
      [['trigger.body.a b'], 'a search path is a path into the trigger body'],
      [['trigger.body.a', 'trigger.body.b', 'trigger.body.c', 'trigger.body.d', 'trigger.body.e', 'trigger.body.f'], 'at most 5 search paths'],
      [['trigger.body.a', 'trigger.body.a'], 'each search path once'],
      ['trigger.body.a', 'settings.searchPaths'],
    ];
    for (const [paths, why] of refusals) {
      const res = await api().post('/api/workflows').set(env.t.auth).send(workflow(paths));
      expect({ paths, status: res.status, code: res.body.error?.code }).toEqual({ paths, status: 400, code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(res.body.error)).toContain(why);
    }
  });

  it('keeps the declared paths with the workflow and finds a run by one in one complete answer', async () => {
    const created = await api()
      .post('/api/workflows')
      .set(env.t.auth)
      .send(workflow(['trigger.body.data.object.id', 'trigger.body.items[0].sku']));
    expect(created.status, created.text).toBe(201);
    expect(created.body.definition.settings.searchPaths).toEqual(['trigger.body.data.object.id', 'trigger.body.items[0].sku']);
    const activated = await api().post(`/api/workflows/${created.body.id}/activate`).set(env.t.auth);
    const hook = new URL(activated.body.hooks[0].url).pathname;
    const ack = await api()
      .post(hook)
      .send({ data: { object: { id: 'pi_123' } }, items: [{ sku: 'a' }] });
    await waitForRun(env.t.app.handler, env.t.auth, ack.body.runId);
    const search = (where: string) => api().get('/api/runs').query({ workflowId: created.body.id, where }).set(env.t.auth);
    expect((await search('trigger.body.data.object.id=pi_123')).body).toMatchObject({ runs: [{ id: ack.body.runId }], truncated: false, nextCursor: null });
    expect((await search('trigger.body.items[0].sku=a')).body).toMatchObject({ runs: [{ id: ack.body.runId }], truncated: false });
    // Declared no more: the same search still answers, the usual way.
    const saved = await api().put(`/api/workflows/${created.body.id}`).set(env.t.auth).send(workflow([]));
    expect(saved.status, saved.text).toBe(200);
    expect((await search('trigger.body.data.object.id=pi_123')).body).toMatchObject({ runs: [{ id: ack.body.runId }], truncated: false });
    expect((await api().delete(`/api/workflows/${created.body.id}`).set(env.t.auth)).status).toBe(204);
  });
});
