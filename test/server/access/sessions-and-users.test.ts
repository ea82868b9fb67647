import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesOf, PASSWORD, startAccessApp, type AccessApp } from './access-app.js';

const HOUR = 3600_000;
let t: AccessApp;
beforeAll(async () => {
  t = await startAccessApp();
});
afterAll(async () => {
  await t?.stop();
});

/** Waits for the last-seen time a request writes after its answer (not awaited by it) to reach `since`. */
async function seenSince(session: { sessionId: string }, userId: string, since: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const mine = (await t.app.store.sessions.forUser(userId, t.clock.now(), 0)).find((x) => x.id === session.sessionId);
    if ((mine?.lastSeenAt ?? 0) >= since) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the session was never marked seen');
}
const statusWith = async (headers: Record<string, string>) => (await t.http().get('/api/workflows').set(headers)).status;
const wf = { name: 'w', nodes: [{ id: 'm', type: 'manual', position: { x: 0, y: 0 }, config: {} }], edges: [] };

describe('sessions expire and can be revoked', () => {
  it('ends a session left idle for 72 hours, but not one in use', async () => {
    const user = await t.addUser('viewer');
    const used = await t.signIn(user);
    const idle = await t.signIn(await t.addUser('viewer'));
    for (let i = 0; i < 3; i++) {
      t.advance(48 * HOUR);
      const since = t.clock.now();
      expect(await statusWith(used.headers)).toBe(200);
      await seenSince(used, user.id, since);
    }
    expect(await statusWith(idle.headers)).toBe(401);
  });

  it('ends every session 14 days after sign-in, however active', async () => {
    const user = await t.addUser('editor');
    const s = await t.signIn(user);
    for (let day = 0; day < 13; day++) {
      t.advance(24 * HOUR);
      const since = t.clock.now();
      expect(await statusWith(s.headers)).toBe(200);
      await seenSince(s, user.id, since);
    }
    t.advance(24 * HOUR + 1000);
    expect(await statusWith(s.headers)).toBe(401);
  });

  it('lists my sessions, ends one of them, and never someone else’s', async () => {
    const me = await t.addUser('editor');
    const a = await t.signIn(me);
    const b = await t.signIn(me);
    const list = await t.http().get('/api/auth/sessions').set(a.headers);
    expect(list.body.sessions).toHaveLength(2);
    expect(list.body.sessions.find((s: { current: boolean }) => s.current).id).toBe(a.sessionId);
    expect(JSON.stringify(list.body)).not.toContain(a.token);
    const stranger = await t.signIn(await t.addUser('owner'));
    expect((await t.http().delete(`/api/auth/sessions/${b.sessionId}`).set(stranger.headers)).status).toBe(404);
    expect((await t.http().delete(`/api/auth/sessions/${b.sessionId}`).set(a.headers)).status).toBe(204);
    expect(await statusWith(b.headers)).toBe(401);
    expect(await statusWith(a.headers)).toBe(200);
  });

  it('signs out everywhere: every session of the person ends, this one too', async () => {
    const me = await t.addUser('viewer');
    const sessions = [await t.signIn(me), await t.signIn(me), await t.signIn(me)];
    const res = await t
      .http()
      .post('/api/auth/sign-out-everywhere')
      .set(sessions[0]?.headers ?? {});
    expect(res.status).toBe(200);
    expect(res.body.ended).toBe(3);
    expect(cookiesOf(res)).toContain('sy_session=;');
    for (const s of sessions) expect(await statusWith(s.headers)).toBe(401);
  });

  it('changing my password ends my other sessions, keeps this one, and swaps the password', async () => {
    const me = await t.addUser('editor');
    const here = await t.signIn(me);
    const there = await t.signIn(me);
    const res = await t.http().put('/api/auth/password').set(here.headers).send({ currentPassword: PASSWORD, newPassword: 'a brand new password' });
    expect(res.status).toBe(204);
    expect(await statusWith(here.headers)).toBe(200);
    expect(await statusWith(there.headers)).toBe(401);
    expect((await t.http().post('/api/auth/login').send({ email: me.email, password: PASSWORD })).status).toBe(401);
    expect((await t.http().post('/api/auth/login').send({ email: me.email, password: 'a brand new password' })).status).toBe(200);
  });
});

describe('the owner manages people', () => {
  it('hands out a one-time reset link that sets a new password and ends the old sessions', async () => {
    const owner = await t.signIn(await t.addUser('owner'));
    const forgetful = await t.addUser('editor');
    const old = await t.signIn(forgetful);
    const link = await t.http().post(`/api/users/${forgetful.id}/reset-link`).set(owner.headers);
    expect(link.status).toBe(201);
    const token = String(link.body.url).split('/reset-password/')[1] ?? '';
    expect((await t.http().get(`/api/auth/resets/${token}`)).body.reset.email).toBe(forgetful.email);
    const done = await t.http().post(`/api/auth/resets/${token}`).send({ password: 'remembered this time' });
    expect(done.status).toBe(200);
    expect(await statusWith({ cookie: cookiesOf(done) })).toBe(200);
    expect(await statusWith(old.headers)).toBe(401);
    expect((await t.http().post(`/api/auth/resets/${token}`).send({ password: 'and once more please' })).status).toBe(410);
    expect((await t.http().post('/api/auth/login').send({ email: forgetful.email, password: 'remembered this time' })).status).toBe(200);
  });

  it('a reset link expires after a day', async () => {
    const owner = await t.signIn(await t.addUser('owner'));
    const user = await t.addUser('viewer');
    const link = await t.http().post(`/api/users/${user.id}/reset-link`).set(owner.headers);
    t.advance(25 * HOUR);
    const token = String(link.body.url).split('/reset-password/')[1] ?? '';
    expect((await t.http().post(`/api/auth/resets/${token}`).send({ password: 'too late for this' })).body.error.reason).toBe('expired');
  });

  it('removing a person stops their sessions and keys at once', async () => {
    const owner = await t.signIn(await t.addUser('owner'));
    const leaver = await t.addUser('editor');
    const session = await t.signIn(leaver);
    const { key } = await t.app.auth.createApiKey('leaver key', leaver.id);
    expect(await statusWith({ authorization: `Bearer ${key}` })).toBe(200);
    expect((await t.http().delete(`/api/users/${leaver.id}`).set(owner.headers)).status).toBe(204);
    expect(await statusWith(session.headers)).toBe(401);
    expect(await statusWith({ authorization: `Bearer ${key}` })).toBe(401);
  });

  it('a changed role applies to the person’s keys and sessions at once', async () => {
    const owner = await t.signIn(await t.addUser('owner'));
    const ed = await t.addUser('editor');
    const { key } = await t.app.auth.createApiKey('ed key', ed.id);
    const bearer = { authorization: `Bearer ${key}` };
    expect((await t.http().post('/api/workflows').set(bearer).send(wf)).status).toBe(201);
    const res = await t.http().patch(`/api/users/${ed.id}`).set(owner.headers).send({ role: 'viewer' });
    expect(res.body.user.role).toBe('viewer');
    expect((await t.http().post('/api/workflows').set(bearer).send(wf)).status).toBe(403);
    expect((await t.http().get('/api/workflows').set(bearer)).status).toBe(200);
  });

  it('never leaves the installation without an owner', async () => {
    const fresh = await startAccessApp();
    try {
      const only = await fresh.addUser('owner');
      const s = await fresh.signIn(only);
      const demote = await fresh.http().patch(`/api/users/${only.id}`).set(s.headers).send({ role: 'editor' });
      expect(demote.status).toBe(409);
      expect(demote.body.error.message).toContain('last owner');
      expect((await fresh.http().delete(`/api/users/${only.id}`).set(s.headers)).status).toBe(409);
      const second = await fresh.addUser('owner');
      expect((await fresh.http().patch(`/api/users/${second.id}`).set(s.headers).send({ role: 'editor' })).status).toBe(200);
      expect((await fresh.http().patch(`/api/users/${only.id}`).set(s.headers).send({ role: 'viewer' })).status).toBe(409);
    } finally {
      await fresh.stop();
    }
  });
});
