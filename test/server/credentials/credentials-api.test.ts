import { randomBytes } from 'node:crypto';
import { storedRows, storedText } from '../../support/stored.js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialCipher } from '../../../server/credentials/credential-cipher.js';
import { createCredentialService } from '../../../server/credentials/credential-service.js';
import { loadSecretKey } from '../../../server/lib/data-dir.js';
import { systemClock } from '../../../server/lib/clock.js';
import { startTestApp } from '../../support/test-app.js';

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
});

const api = () => request(t.app.handler);
/** The server's own view of a credential's data, through the same key (tests only). */
const decrypted = async (id: string) => {
  const service = createCredentialService({ store: t.app.store, cipher: createCredentialCipher(loadSecretKey(t.config.dataDir, t.config.secretKey)), clock: systemClock });
  return (await service.read(id))?.data;
};

describe('credentials API', () => {
  it('creates with 201 and the id, lists names, types and dates, and never returns data', async () => {
    const created = await api()
      .post('/api/credentials')
      .set(t.auth)
      .send({ name: 'Stripe live', type: 'webhook-secret', data: { secret: 'whsec_api_test_value_1' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(/^cred_/), name: 'Stripe live', type: 'webhook-secret', createdAt: expect.any(Number), updatedAt: expect.any(Number) });
    const list = await api().get('/api/credentials').set(t.auth);
    expect(list.status).toBe(200);
    expect(list.body.credentials).toContainEqual(created.body);
    const one = await api().get(`/api/credentials/${created.body.id}`).set(t.auth);
    expect(one.body).toEqual(created.body);
    for (const res of [created, list, one]) expect(res.text).not.toContain('whsec_api_test_value_1');
    expect(await decrypted(created.body.id)).toEqual({ secret: 'whsec_api_test_value_1' });
  });

  it('stores only ciphertext: the value is not in the row', async () => {
    const created = await api()
      .post('/api/credentials')
      .set(t.auth)
      .send({ name: 'HubSpot', type: 'hubspot', data: { accessToken: 'pat-na1-plaintext-check' } });
    const [row = {}] = await storedRows(t, 'SELECT * FROM credentials WHERE id = ?', [created.body.id]);
    const stored = Object.values(row).map(storedText).join('|');
    expect(stored).not.toContain('pat-na1-plaintext-check');
    expect((row.iv as Buffer).length).toBe(12);
  });

  it("describes each type's form as JSON Schema, secrets marked writeOnly", async () => {
    const res = await api().get('/api/credentials/types').set(t.auth);
    const types = Object.fromEntries((res.body.types as Array<{ type: string }>).map((x) => [x.type, x]));
    for (const id of ['webhook-secret', 'basic', 'header', 'slack', 'hubspot', 'twilio', 'pagerduty', 'mailchimp', 'smtp']) expect(types[id], id).toBeDefined();
    expect(types['webhook-secret']).toMatchObject({ secretFields: ['secret', 'previousSecret'], schema: { properties: { secret: { type: 'string', writeOnly: true } }, required: ['secret'] } });
    expect(types.twilio).toMatchObject({ schema: { properties: { accountSid: { type: 'string' } } } });
  });

  it('refuses bad input with 400 and issues that point at the field, echoing no value', async () => {
    const cases: Array<[unknown, string]> = [
      [{ name: 'x', type: 'nope', data: {} }, 'type'],
      [{ name: '', type: 'basic', data: { username: 'u', password: 'p' } }, 'name'],
      [{ name: 'x', type: 'webhook-secret', data: {} }, 'data.secret'],
      [{ name: 'x', type: 'webhook-secret', data: { secret: 'ok-secret', extra: 'sneaky-value-123' } }, 'data'],
      [{ name: 'x', type: 'twilio', data: { accountSid: 'not-a-sid-value', authToken: 'tok' } }, 'data.accountSid'],
      [{ name: 'x', type: 'mailchimp', data: { apiKey: 'no-datacenter-here_' } }, 'data.apiKey'],
      [{ name: 'x', type: 'slack', data: {} }, 'data'],
      [{ name: 'x', type: 'basic' }, 'data'],
    ];
    for (const [body, path] of cases) {
      const res = await api()
        .post('/api/credentials')
        .set(t.auth)
        .send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
      expect(
        res.body.error.issues.map((i: { path: string }) => i.path),
        JSON.stringify(res.body),
      ).toContain(path);
      for (const secret of ['sneaky-value-123', 'not-a-sid-value', 'no-datacenter-here_']) expect(res.text).not.toContain(secret);
    }
    const huge = await api()
      .post('/api/credentials')
      .set(t.auth)
      .send({ name: 'x', type: 'header', data: { value: 'v'.repeat(70_000) } });
    expect(huge.status).toBe(413);
  });

  it('updates: renames keeping data, merges fields, removes fields set to null, rotates a secret', async () => {
    const { body: c } = await api()
      .post('/api/credentials')
      .set(t.auth)
      .send({ name: 'GitHub', type: 'webhook-secret', data: { secret: 'gh-one' } });
    const renamed = await api().put(`/api/credentials/${c.id}`).set(t.auth).send({ name: 'GitHub org' });
    expect(renamed.body).toMatchObject({ id: c.id, name: 'GitHub org', type: 'webhook-secret', createdAt: c.createdAt });
    expect(await decrypted(c.id)).toEqual({ secret: 'gh-one' });
    await api()
      .put(`/api/credentials/${c.id}`)
      .set(t.auth)
      .send({ data: { secret: 'gh-two' }, rotate: true });
    expect(await decrypted(c.id)).toEqual({ secret: 'gh-two', previousSecret: 'gh-one' });
    await api()
      .put(`/api/credentials/${c.id}`)
      .set(t.auth)
      .send({ data: { previousSecret: null } });
    expect(await decrypted(c.id)).toEqual({ secret: 'gh-two' });
    const same = await api()
      .put(`/api/credentials/${c.id}`)
      .set(t.auth)
      .send({ data: { secret: 'gh-two' }, rotate: true });
    expect(same.status).toBe(400);
    const retyped = await api().put(`/api/credentials/${c.id}`).set(t.auth).send({ type: 'basic' });
    expect(retyped.status).toBe(400);
    const changed = await api()
      .put(`/api/credentials/${c.id}`)
      .set(t.auth)
      .send({ type: 'basic', data: { username: 'u', password: 'pw-pw' } });
    expect(changed.body.type).toBe('basic');
    expect(await decrypted(c.id)).toEqual({ username: 'u', password: 'pw-pw' });
    const badRotate = await api()
      .put(`/api/credentials/${c.id}`)
      .set(t.auth)
      .send({ data: { password: 'x-x-x-x' }, rotate: true });
    expect(badRotate.status).toBe(400);
  });

  it('deletes with 204; unknown ids are 404; no key, no access', async () => {
    const { body: c } = await api()
      .post('/api/credentials')
      .set(t.auth)
      .send({ name: 'tmp', type: 'header', data: { value: 'Bearer tmp-token' } });
    expect((await api().delete(`/api/credentials/${c.id}`).set(t.auth)).status).toBe(204);
    for (const res of [
      await api().get(`/api/credentials/${c.id}`).set(t.auth),
      await api().delete(`/api/credentials/${c.id}`).set(t.auth),
      await api().put(`/api/credentials/${c.id}`).set(t.auth).send({ name: 'y' }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect((await api().get('/api/credentials')).status).toBe(401);
  });

  it('after the secret key changes: reads fail closed, a merge is a clear 409, full data replaces it', async () => {
    const { body: c } = await api()
      .post('/api/credentials')
      .set(t.auth)
      .send({ name: 'old key', type: 'webhook-secret', data: { secret: 'sealed-with-old-key' } });
    const other = createCredentialService({ store: t.app.store, cipher: createCredentialCipher(randomBytes(32)), clock: systemClock });
    await expect(other.read(c.id)).rejects.toThrow(/different SWITCHYARD_SECRET_KEY/);
    await expect(other.update(c.id, { name: 'renamed' })).rejects.toThrow(expect.objectContaining({ status: 409 }));
    await other.update(c.id, { data: { secret: 'sealed-with-new-key' } });
    expect((await other.read(c.id))?.data).toEqual({ secret: 'sealed-with-new-key' });
    await expect(decrypted(c.id)).rejects.toThrow(/different SWITCHYARD_SECRET_KEY/);
    expect(other.secretValues()).toContain('sealed-with-new-key');
  });
});
