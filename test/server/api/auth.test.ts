import request from 'supertest';
import { storedRows } from '../../support/stored.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../support/test-app.js';

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
});

const cookieOf = (res: request.Response) => String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';

describe('owner setup, sessions and API keys', () => {
  it('asks for the owner account on first visit, then refuses a second setup', async () => {
    expect((await request(t.app.handler).get('/api/auth/state')).body).toEqual({ setupRequired: true, user: null });
    const weak = await request(t.app.handler).post('/api/auth/setup').send({ email: 'ada@example.com', name: 'Ada', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toContain('8 characters');
    const setup = await request(t.app.handler).post('/api/auth/setup').send({ email: 'ada@example.com', name: 'Ada', password: 'correct horse battery' });
    expect(setup.status).toBe(201);
    expect(setup.body.user).toEqual({ id: expect.any(String), email: 'ada@example.com', name: 'Ada', role: 'owner' });
    const cookie = String(setup.headers['set-cookie']?.[0]);
    expect(cookie).toMatch(/^sy_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const again = await request(t.app.handler).post('/api/auth/setup').send({ email: 'eve@example.com', name: 'Eve', password: 'another password' });
    expect(again.status).toBe(409);
  });

  it('signs in with the right password only, and the cookie opens the API until sign-out', async () => {
    const wrong = await request(t.app.handler).post('/api/auth/login').send({ email: 'ada@example.com', password: 'nope nope' });
    expect(wrong.status).toBe(401);
    const unknown = await request(t.app.handler).post('/api/auth/login').send({ email: 'nobody@example.com', password: 'nope nope' });
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    const login = await request(t.app.handler).post('/api/auth/login').send({ email: 'ADA@example.com', password: 'correct horse battery' });
    expect(login.status).toBe(200);
    const cookie = cookieOf(login);
    expect((await request(t.app.handler).get('/api/workflows').set('cookie', cookie)).status).toBe(200);
    expect((await request(t.app.handler).get('/api/auth/state').set('cookie', cookie)).body.user.email).toBe('ada@example.com');
    expect((await request(t.app.handler).post('/api/auth/logout').set('cookie', cookie)).status).toBe(204);
    expect((await request(t.app.handler).get('/api/workflows').set('cookie', cookie)).status).toBe(401);
    expect((await request(t.app.handler).get('/api/workflows').set('cookie', 'sy_session=forged-value')).status).toBe(401);
  });

  it('creates an API key that is shown once, works as a bearer token, and stops working when revoked', async () => {
    const created = await request(t.app.handler).post('/api/api-keys').set(t.auth).send({ name: 'deploy script' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^sy_live_[\w-]{32}$/);
    const listed = await request(t.app.handler).get('/api/api-keys').set(t.auth);
    const entry = listed.body.apiKeys.find((k: { id: string }) => k.id === created.body.id);
    expect(entry).toMatchObject({ name: 'deploy script', prefix: created.body.key.slice(0, 12) });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    const bearer = { authorization: `Bearer ${created.body.key}` };
    expect((await request(t.app.handler).get('/api/runs').set(bearer)).status).toBe(200);
    expect((await request(t.app.handler).delete(`/api/api-keys/${created.body.id}`).set(t.auth)).status).toBe(204);
    expect((await request(t.app.handler).get('/api/runs').set(bearer)).status).toBe(401);
    expect((await request(t.app.handler).delete(`/api/api-keys/${created.body.id}`).set(t.auth)).status).toBe(404);
  });

  it('stores API keys and sessions only as hashes', async () => {
    const created = await request(t.app.handler).post('/api/api-keys').set(t.auth).send({ name: 'hash check' });
    const rows = await storedRows(t, 'SELECT key_hash FROM api_keys');
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(String(r.key_hash)))).toBe(true);
    const dump = JSON.stringify(await storedRows(t, 'SELECT * FROM api_keys'));
    expect(dump).not.toContain(created.body.key);
  });
});
