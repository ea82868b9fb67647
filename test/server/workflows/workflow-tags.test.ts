import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../support/test-app.js';
import { edge, node } from '../../support/workflows.js';

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

const def = (name: string, tags?: unknown) => ({
  name,
  ...(tags === undefined ? {} : { tags }),
  nodes: [node('start', 'manual'), node('code', 'code', { code: 'return 1;' }, 250)],
  edges: [edge('start', 'code')],
});

describe('tags on workflows', () => {
  it('are set on create and update, listed, and filter GET /api/workflows?tag= without regard to case', async () => {
    const api = () => request(t.app.handler);
    const billing = await api()
      .post('/api/workflows')
      .set(t.auth)
      .send(def('Invoices', ['billing', ' Team:Ops ']));
    expect(billing.status, billing.text).toBe(201);
    expect(billing.body.definition.tags).toEqual(['billing', 'Team:Ops']);
    const crm = await api()
      .post('/api/workflows')
      .set(t.auth)
      .send(def('Contacts', ['crm']));
    await api().post('/api/workflows').set(t.auth).send(def('Untagged')).expect(201);

    const all = await api().get('/api/workflows').set(t.auth);
    expect(Object.fromEntries(all.body.workflows.map((w: { name: string; tags: string[] }) => [w.name, w.tags]))).toEqual({ Invoices: ['billing', 'Team:Ops'], Contacts: ['crm'], Untagged: [] });
    const ops = await api().get('/api/workflows?tag=team:ops').set(t.auth);
    expect(ops.body.workflows.map((w: { name: string }) => w.name)).toEqual(['Invoices']);

    const saved = await api()
      .put(`/api/workflows/${crm.body.id}`)
      .set(t.auth)
      .set('if-match', String(crm.body.version))
      .send(def('Contacts', ['crm', 'team:ops']));
    expect(saved.status, saved.text).toBe(200);
    const both = await api().get('/api/workflows?tag=TEAM:OPS').set(t.auth);
    expect(both.body.workflows.map((w: { name: string }) => w.name).sort()).toEqual(['Contacts', 'Invoices']);
    expect((await api().get('/api/workflows?tag=nothing').set(t.auth)).body.workflows).toEqual([]);
  });

  it('refuses bad tags and a bad filter with 400', async () => {
    const api = () => request(t.app.handler);
    for (const tags of [['a', 'A'], [''], ['x'.repeat(41)], ['a,b'], 'billing', Array.from({ length: 21 }, (_, i) => `t${i}`)]) {
      const res = await api().post('/api/workflows').set(t.auth).send(def('Bad', tags));
      expect(res.status, JSON.stringify(tags)).toBe(400);
      expect(JSON.stringify(res.body.error)).toMatch(/tags/);
    }
    const twice = await api().get('/api/workflows?tag=a&tag=b').set(t.auth);
    expect(twice.status).toBe(400);
    expect(twice.body.error.code).toBe('BAD_REQUEST');
  });
});
