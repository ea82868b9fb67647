import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedCount } from '../../support/stored.js';
import { csrfTokenFor } from '../../../server/http/csrf.js';
import { cookiesOf, PASSWORD, startAccessApp, type AccessApp } from './access-app.js';

let t: AccessApp;
let editor: { token: string; headers: Record<string, string> };
const wf = { name: 'csrf probe', nodes: [{ id: 'm', type: 'manual', position: { x: 0, y: 0 }, config: {} }], edges: [] };

beforeAll(async () => {
  t = await startAccessApp();
  editor = await t.signIn(await t.addUser('editor'));
});
afterAll(async () => {
  await t?.stop();
});

const cookieOnly = () => ({ cookie: editor.headers.cookie ?? '' });
const count = () => storedCount(t, 'workflows');

describe('cookie sessions are protected against cross-site request forgery', () => {
  it('refuses an unsafe cookie request without the X-CSRF-Token header, and changes nothing', async () => {
    const before = await count();
    const res = await t.http().post('/api/workflows').set(cookieOnly()).send(wf);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', reason: 'csrf' });
    expect(await count()).toBe(before);
  });

  it('refuses a token of another session and a made-up one', async () => {
    const other = await t.signIn(await t.addUser('editor'));
    for (const token of [csrfTokenFor(other.token), 'forged', '']) {
      const res = await t
        .http()
        .post('/api/workflows')
        .set({ ...cookieOnly(), 'x-csrf-token': token })
        .send(wf);
      expect(res.status).toBe(403);
    }
  });

  it('refuses a cross-site page even with the right token (Sec-Fetch-Site or a foreign Origin)', async () => {
    const cross = await t
      .http()
      .post('/api/workflows')
      .set({ ...editor.headers, 'sec-fetch-site': 'cross-site' })
      .send(wf);
    expect(cross.status).toBe(403);
    const sameSite = await t
      .http()
      .post('/api/workflows')
      .set({ ...editor.headers, 'sec-fetch-site': 'same-site' })
      .send(wf);
    expect(sameSite.status).toBe(403);
    const origin = await t
      .http()
      .post('/api/workflows')
      .set({ ...editor.headers, origin: 'https://evil.example' })
      .send(wf);
    expect(origin.status).toBe(403);
    expect(origin.body.error.message).toContain('evil.example');
  });

  it('accepts the same-origin editor: the token, Sec-Fetch-Site same-origin and its own Origin', async () => {
    const plain = await t.http().post('/api/workflows').set(editor.headers).send(wf);
    expect(plain.status).toBe(201);
    const browser = await t
      .http()
      .post('/api/workflows')
      .set({ ...editor.headers, 'sec-fetch-site': 'same-origin', host: 'switchyard.local', origin: 'http://switchyard.local' })
      .send(wf);
    expect(browser.status).toBe(201);
    const publicUrl = await t
      .http()
      .post('/api/workflows')
      .set({ ...editor.headers, origin: 'http://127.0.0.1:9' })
      .send(wf);
    expect(publicUrl.status).toBe(201);
  });

  it('does not need the token for reads, nor for bearer-key requests from anywhere', async () => {
    expect(
      (
        await t
          .http()
          .get('/api/workflows')
          .set({ ...cookieOnly(), 'sec-fetch-site': 'cross-site' })
      ).status,
    ).toBe(200);
    const key = await t
      .http()
      .post('/api/workflows')
      .set({ ...t.owner, origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' })
      .send(wf);
    expect(key.status).toBe(201);
  });

  it('refuses a sign-in posted from another site (login CSRF) but not one from this page', async () => {
    const user = await t.addUser('viewer');
    const cross = await t.http().post('/api/auth/login').set({ 'sec-fetch-site': 'cross-site' }).send({ email: user.email, password: PASSWORD });
    expect(cross.status).toBe(403);
    const same = await t.http().post('/api/auth/login').set({ 'sec-fetch-site': 'same-origin' }).send({ email: user.email, password: PASSWORD });
    expect(same.status).toBe(200);
    // The sign-in answer carries the token, and the readable cookie holds the same value.
    expect(cookiesOf(same)).toContain(`sy_csrf=${same.body.csrfToken}`);
    const session = /sy_session=([\w-]+)/.exec(cookiesOf(same))?.[1] ?? '';
    expect(same.body.csrfToken).toBe(csrfTokenFor(session));
  });
});
