import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccessApp, type AccessApp } from './access-app.js';

let t: AccessApp;
beforeAll(async () => {
  t = await startAccessApp();
});
afterAll(async () => {
  await t?.stop();
});

const wf = { name: 'k', nodes: [{ id: 'm', type: 'manual', position: { x: 0, y: 0 }, config: {} }], edges: [] };

describe('API keys per person', () => {
  it('creates a read-only key that reads with its owner’s rights but changes nothing', async () => {
    const ed = (await t.signIn(await t.addUser('editor'))).headers;
    const created = await t.http().post('/api/api-keys').set(ed).send({ name: 'dashboard', scope: 'read' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'dashboard', scope: 'read', expiresAt: null });
    const bearer = { authorization: `Bearer ${created.body.key}` };
    expect((await t.http().get('/api/workflows').set(bearer)).status).toBe(200);
    const refused = await t.http().post('/api/workflows').set(bearer).send(wf);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('read-only');
    expect((await t.http().post('/api/api-keys').set(bearer).send({ name: 'escalate' })).status).toBe(403);
  });

  it('stops a key at its expiry', async () => {
    const ed = (await t.signIn(await t.addUser('editor'))).headers;
    const created = await t.http().post('/api/api-keys').set(ed).send({ name: 'temporary', expiresInDays: 1 });
    const bearer = { authorization: `Bearer ${created.body.key}` };
    expect((await t.http().get('/api/runs').set(bearer)).status).toBe(200);
    t.advance(24 * 3600_000 + 1000);
    const res = await t.http().get('/api/runs').set(bearer);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain('expired');
    const listed = await t.http().get('/api/api-keys').set(ed);
    expect(listed.body.apiKeys.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({ expired: true });
  });

  it('shows people their own keys, owners everyone’s; only the owner or the key’s person revokes it', async () => {
    const alice = await t.addUser('editor');
    const bob = await t.addUser('viewer');
    const a = (await t.signIn(alice)).headers;
    const b = (await t.signIn(bob)).headers;
    const owner = (await t.signIn(await t.addUser('owner'))).headers;
    const aliceKey = (await t.http().post('/api/api-keys').set(a).send({ name: 'alice key' })).body;
    const bobKey = (await t.http().post('/api/api-keys').set(b).send({ name: 'bob key' })).body;
    const bobsList = (await t.http().get('/api/api-keys').set(b)).body.apiKeys.map((k: { id: string }) => k.id);
    expect(bobsList).toEqual([bobKey.id]);
    const ownersList = (await t.http().get('/api/api-keys').set(owner)).body.apiKeys;
    expect(ownersList.find((k: { id: string }) => k.id === aliceKey.id)).toMatchObject({ userId: alice.id, userName: alice.name });
    expect((await t.http().delete(`/api/api-keys/${aliceKey.id}`).set(b)).status).toBe(404);
    expect(
      (
        await t
          .http()
          .get('/api/runs')
          .set({ authorization: `Bearer ${aliceKey.key}` })
      ).status,
    ).toBe(200);
    expect((await t.http().delete(`/api/api-keys/${aliceKey.id}`).set(owner)).status).toBe(204);
    expect(
      (
        await t
          .http()
          .get('/api/runs')
          .set({ authorization: `Bearer ${aliceKey.key}` })
      ).status,
    ).toBe(401);
    expect((await t.http().delete(`/api/api-keys/${bobKey.id}`).set(b)).status).toBe(204);
  });

  it('keeps installation keys (the CLI’s) working with owner rights', async () => {
    expect((await t.http().get('/api/users').set(t.owner)).status).toBe(200);
    expect((await t.http().post('/api/workflows').set(t.owner).send(wf)).status).toBe(201);
  });

  it('refuses bad key requests with a clear 400', async () => {
    const ed = (await t.signIn(await t.addUser('editor'))).headers;
    for (const body of [{}, { name: '' }, { name: 'x', scope: 'admin' }, { name: 'x', expiresInDays: 0 }, { name: 'x', expiresInDays: 1.5 }]) {
      const res = await t.http().post('/api/api-keys').set(ed).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
    }
  });
});
