import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesOf, startAccessApp, type AccessApp } from './access-app.js';

let t: AccessApp;
let owner: Record<string, string>;
beforeAll(async () => {
  t = await startAccessApp();
  owner = (await t.signIn(await t.addUser('owner', 'olga@example.test', 'Olga Owner'))).headers;
});
afterAll(async () => {
  await t?.stop();
});

const invite = async (email: string, role: string, extra: Record<string, unknown> = {}) => {
  const res = await t
    .http()
    .post('/api/invites')
    .set(owner)
    .send({ email, role, ...extra });
  expect(res.status).toBe(201);
  const url = res.body.invite.url as string;
  return { id: res.body.invite.id as string, url, token: url.split('/').pop() ?? '' };
};

describe('invitations by one-time link', () => {
  it('lets the invitee see the invitation, pick a name and password, and arrive signed in with the role', async () => {
    const inv = await invite('vic@example.test', 'viewer');
    expect(inv.url).toMatch(/^http:\/\/127\.0\.0\.1:9\/invite\/[\w-]{32}$/);
    const seen = await t.http().get(`/api/auth/invites/${inv.token}`);
    expect(seen.status).toBe(200);
    expect(seen.body.invite).toMatchObject({ email: 'vic@example.test', role: 'viewer', invitedBy: 'Olga Owner' });

    const accepted = await t.http().post(`/api/auth/invites/${inv.token}/accept`).send({ name: 'Vic Viewer', password: 'vics own password' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({ email: 'vic@example.test', name: 'Vic Viewer', role: 'viewer' });
    const cookie = cookiesOf(accepted);
    const state = await t.http().get('/api/auth/state').set('cookie', cookie);
    expect(state.body.user.role).toBe('viewer');
    expect((await t.http().post('/api/auth/login').send({ email: 'vic@example.test', password: 'vics own password' })).status).toBe(200);
    // The owner sees the new person, and the invitation is no longer pending.
    const users = await t.http().get('/api/users').set(owner);
    expect(users.body.users.map((u: { email: string }) => u.email)).toContain('vic@example.test');
    expect((await t.http().get('/api/invites').set(owner)).body.invites.find((i: { id: string }) => i.id === inv.id)).toBeUndefined();
  });

  it('works once: a second use, even with another name, is refused and creates nothing', async () => {
    const inv = await invite('once@example.test', 'editor');
    expect((await t.http().post(`/api/auth/invites/${inv.token}/accept`).send({ name: 'First', password: 'first password' })).status).toBe(201);
    const again = await t.http().post(`/api/auth/invites/${inv.token}/accept`).send({ name: 'Second', password: 'second password' });
    expect(again.status).toBe(410);
    expect(again.body.error.reason).toBe('used');
    expect((await t.http().get(`/api/auth/invites/${inv.token}`)).status).toBe(410);
    const rows = (await t.app.store.users.list()).filter((u) => u.email === 'once@example.test').map((u) => ({ name: u.name }));
    expect(rows).toEqual([{ name: 'First' }]);
  });

  it('accepts only one of two simultaneous uses', async () => {
    const inv = await invite('race@example.test', 'viewer');
    const both = await Promise.all(
      [1, 2].map((n) =>
        t
          .http()
          .post(`/api/auth/invites/${inv.token}/accept`)
          .send({ name: `Racer ${n}`, password: 'racing password' }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 410]);
  });

  it('refuses an invitation whose email got an account meanwhile with 409, and leaves the link unused', async () => {
    const inv = await invite('meanwhile@example.test', 'viewer');
    await t.addUser('editor', 'meanwhile@example.test', 'Made Meanwhile');
    const res = await t.http().post(`/api/auth/invites/${inv.token}/accept`).send({ name: 'Too Late', password: 'too late password' });
    expect(res.status).toBe(409);
    // The link was taken inside the refused unit of work: the refusal gave it back.
    expect((await t.http().get(`/api/auth/invites/${inv.token}`)).status).toBe(200);
    expect((await t.app.store.users.byEmail('meanwhile@example.test'))?.name).toBe('Made Meanwhile');
  });

  it('expires: after its lifetime the link is refused with reason "expired"', async () => {
    const inv = await invite('late@example.test', 'viewer', { expiresInDays: 1 });
    t.advance(24 * 3600_000 + 1000);
    const res = await t.http().post(`/api/auth/invites/${inv.token}/accept`).send({ name: 'Late', password: 'late password' });
    expect(res.status).toBe(410);
    expect(res.body.error.reason).toBe('expired');
    expect(await t.app.store.users.byEmail('late@example.test')).toBeUndefined();
  });

  it('can be withdrawn, and a newer invitation for the same email replaces the older one', async () => {
    const first = await invite('twice@example.test', 'viewer');
    const second = await invite('twice@example.test', 'editor');
    expect((await t.http().get(`/api/auth/invites/${first.token}`)).body.error.reason).toBe('revoked');
    expect((await t.http().delete(`/api/invites/${second.id}`).set(owner)).status).toBe(204);
    expect((await t.http().post(`/api/auth/invites/${second.token}/accept`).send({ name: 'X', password: 'xxxxxxxxxx' })).status).toBe(410);
    expect((await t.http().get('/api/auth/invites/not-a-real-token-at-all')).status).toBe(404);
  });

  it('refuses to invite an email that already has an account, and bad input', async () => {
    expect((await t.http().post('/api/invites').set(owner).send({ email: 'olga@example.test', role: 'viewer' })).status).toBe(409);
    expect((await t.http().post('/api/invites').set(owner).send({ email: 'not an email', role: 'viewer' })).status).toBe(400);
    expect((await t.http().post('/api/invites').set(owner).send({ email: 'a@example.test', role: 'superuser' })).status).toBe(400);
    const inv = await invite('short@example.test', 'viewer');
    expect((await t.http().post(`/api/auth/invites/${inv.token}/accept`).send({ name: 'S', password: 'short' })).status).toBe(400);
  });
});
