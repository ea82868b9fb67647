// The storage contract of people, sessions, API keys, one-time links and the audit log,
// written against the ports only. describeStoreContract includes it, so every implementation
// runs it with the same factory.
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../server/store/ports/audit.js';
import { EmailTakenError } from '../../../../server/store/ports/email-taken.js';
import type { Store } from '../../../../server/store/ports/store.js';
import type { ApiKeyRow, LinkRow, Role, SessionRow, UserRow } from '../../../../server/store/ports/users.js';

const HOUR = 3_600_000;

const user = (id: string, role: Role = 'editor', over: Partial<UserRow> = {}): Omit<UserRow, 'passwordChangedAt'> => ({
  id,
  email: `${id}@example.test`,
  name: `Person ${id}`,
  role,
  passwordHash: `hash-${id}`,
  createdAt: 1_000,
  ...over,
});
const session = (id: string, userId: string, over: Partial<SessionRow> = {}): SessionRow & { tokenHash: string } => ({
  id,
  tokenHash: `th-${id}`,
  userId,
  createdAt: 1_000,
  lastSeenAt: 1_000,
  expiresAt: 1_000 + 24 * HOUR,
  userAgent: 'agent',
  ip: '127.0.0.1',
  ...over,
});
const apiKey = (id: string, userId: string | null, over: Partial<ApiKeyRow> = {}): ApiKeyRow & { keyHash: string } => ({
  id,
  keyHash: `kh-${id}`,
  name: `key ${id}`,
  prefix: 'sy_live_abcd',
  userId,
  scope: 'full',
  createdAt: 1_000,
  lastUsedAt: null,
  expiresAt: null,
  ...over,
});
const link = (id: string, over: Partial<LinkRow> = {}): Omit<LinkRow, 'usedAt' | 'revokedAt'> & { tokenHash: string } => ({
  id,
  kind: 'invite',
  tokenHash: `lh-${id}`,
  email: `${id}@example.test`,
  role: 'viewer',
  userId: null,
  createdBy: null,
  createdAt: 1_000,
  expiresAt: 1_000 + HOUR,
  ...over,
});
const entry = (id: string, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: 1_000,
  actor: { kind: 'user', id: 'ann', name: 'Ann', keyId: null, ip: null },
  action: 'user.sign_in',
  target: { type: 'user', id: 'ann', name: 'ann@example.test' },
  ...over,
});

/** Registered inside describeStoreContract's describe block: `store()` is that block's fresh store. */
export function describeUsersContract(store: () => Store): void {
  describe('users', () => {
    beforeEach(async () => {
      await store().users.insert(user('ann', 'owner'));
      await store().users.insert(user('bob', 'editor', { createdAt: 2_000 }));
    });

    it('stores people, finds them by id and by email whatever its case, and counts them by role', async () => {
      const s = store();
      expect(await s.users.byId('ann')).toEqual({ ...user('ann', 'owner'), passwordChangedAt: null });
      expect((await s.users.byEmail('ANN@Example.TEST'))?.id).toBe('ann');
      expect(await s.users.byEmail('nobody@example.test')).toBeUndefined();
      expect((await s.users.list()).map((u) => u.id)).toEqual(['ann', 'bob']);
      expect(await s.users.count()).toBe(2);
      expect(await s.users.countRole('owner')).toBe(1);
      expect(await s.users.countRole('viewer')).toBe(0);
    });

    it('refuses a second account for an email, also in another case', async () => {
      await expect(store().users.insert(user('ann2', 'viewer', { email: 'Ann@Example.test' }))).rejects.toBeInstanceOf(EmailTakenError);
      // Another unique key (the id) is not an email conflict.
      const again = store().users.insert(user('ann', 'viewer', { email: 'someone-else@example.test' }));
      await expect(again).rejects.toThrow();
      await expect(again).rejects.not.toBeInstanceOf(EmailTakenError);
      expect(await store().users.count()).toBe(2);
    });

    it('changes a role and a password, and says false for an unknown user', async () => {
      const s = store();
      expect(await s.users.setRole('bob', 'owner')).toBe(true);
      expect(await s.users.countRole('owner')).toBe(2);
      expect(await s.users.setPassword('bob', 'new-hash', 5_000)).toBe(true);
      expect(await s.users.byId('bob')).toMatchObject({ role: 'owner', passwordHash: 'new-hash', passwordChangedAt: 5_000 });
      expect(await s.users.setRole('nobody', 'viewer')).toBe(false);
      expect(await s.users.setPassword('nobody', 'x', 1)).toBe(false);
    });

    it('removes a user with their sessions, keys and links', async () => {
      const s = store();
      await s.sessions.insert(session('s1', 'bob'));
      await s.apiKeys.insert(apiKey('k1', 'bob'));
      await s.accountLinks.insert(link('r1', { kind: 'reset', userId: 'bob', email: null, role: null }));
      expect(await s.users.remove('bob')).toBe(true);
      expect(await s.users.remove('bob')).toBe(false);
      expect(await s.users.byId('bob')).toBeUndefined();
      expect(await s.sessions.live('th-s1', 2_000, 0)).toBeUndefined();
      expect(await s.apiKeys.byId('k1')).toBeUndefined();
      expect(await s.apiKeys.liveByHash('kh-k1')).toBeUndefined();
      expect(await s.accountLinks.byId('r1', 'reset')).toBeUndefined();
    });
  });

  describe('sessions', () => {
    beforeEach(async () => {
      await store().users.insert(user('ann', 'owner'));
      await store().users.insert(user('bob'));
    });

    it('finds the user behind a live session token hash in one read', async () => {
      await store().sessions.insert(session('s1', 'ann'));
      expect(await store().sessions.live('th-s1', 2_000, 0)).toMatchObject({ id: 'ann', role: 'owner', email: 'ann@example.test', sessionId: 's1', lastSeenAt: 1_000, expiresAt: 1_000 + 24 * HOUR });
      expect(await store().sessions.live('th-unknown', 2_000, 0)).toBeUndefined();
    });

    it('refuses a session at its absolute end and one idle since the cut-off, until touched', async () => {
      const s = store();
      await s.sessions.insert(session('s1', 'ann', { expiresAt: 5_000 }));
      expect(await s.sessions.live('th-s1', 4_999, 0)).toBeDefined();
      expect(await s.sessions.live('th-s1', 5_000, 0)).toBeUndefined();
      await s.sessions.insert(session('s2', 'ann', { lastSeenAt: 1_000 }));
      expect(await s.sessions.live('th-s2', 3_000, 1_000)).toBeUndefined();
      await s.sessions.touch('s2', 2_500);
      expect(await s.sessions.live('th-s2', 3_000, 1_000)).toMatchObject({ sessionId: 's2', lastSeenAt: 2_500 });
    });

    it('lists a user’s live sessions, most recently seen first, without their token hashes', async () => {
      const s = store();
      await s.sessions.insert(session('old', 'ann', { lastSeenAt: 1_000 }));
      await s.sessions.insert(session('new', 'ann', { lastSeenAt: 3_000 }));
      await s.sessions.insert(session('ended', 'ann', { expiresAt: 2_000 }));
      await s.sessions.insert(session('other', 'bob'));
      const listed = await s.sessions.forUser('ann', 4_000, 0);
      expect(listed.map((x) => x.id)).toEqual(['new', 'old']);
      expect(listed[0]).toEqual({ id: 'new', userId: 'ann', createdAt: 1_000, lastSeenAt: 3_000, expiresAt: 1_000 + 24 * HOUR, userAgent: 'agent', ip: '127.0.0.1' });
    });

    it('ends sessions by token, by id (only the user’s own), all of a user, or all but one', async () => {
      const s = store();
      for (const id of ['a1', 'a2', 'a3', 'a4']) await s.sessions.insert(session(id, 'ann'));
      await s.sessions.insert(session('b1', 'bob'));
      expect(await s.sessions.removeByHash('th-a1')).toBe(true);
      expect(await s.sessions.removeByHash('th-a1')).toBe(false);
      expect(await s.sessions.removeById('a2', 'bob')).toBe(false);
      expect(await s.sessions.removeById('a2', 'ann')).toBe(true);
      expect(await s.sessions.removeOthersOfUser('ann', 'a3')).toBe(1);
      expect((await s.sessions.forUser('ann', 2_000, 0)).map((x) => x.id)).toEqual(['a3']);
      expect(await s.sessions.removeAllOfUser('ann')).toBe(1);
      expect(await s.sessions.removeAllOfUser('ann')).toBe(0);
      expect(await s.sessions.live('th-b1', 2_000, 0)).toBeDefined();
    });

    it('purges ended sessions only', async () => {
      const s = store();
      await s.sessions.insert(session('expired', 'ann', { expiresAt: 2_000 }));
      await s.sessions.insert(session('idle', 'ann', { lastSeenAt: 500 }));
      await s.sessions.insert(session('live', 'ann', { lastSeenAt: 2_500 }));
      expect(await s.sessions.purge(3_000, 1_000)).toBe(2);
      expect((await s.sessions.forUser('ann', 3_000, 1_000)).map((x) => x.id)).toEqual(['live']);
    });
  });

  describe('API keys', () => {
    beforeEach(async () => {
      await store().users.insert(user('ann', 'owner'));
      await store().users.insert(user('bob'));
    });

    it('finds a key with its user in one read; an installation key has none', async () => {
      const s = store();
      await s.apiKeys.insert(apiKey('k1', 'bob', { scope: 'read', expiresAt: 9_000 }));
      await s.apiKeys.insert(apiKey('inst', null));
      const found = await s.apiKeys.liveByHash('kh-k1');
      expect(found?.key).toEqual({ id: 'k1', name: 'key k1', prefix: 'sy_live_abcd', userId: 'bob', scope: 'read', createdAt: 1_000, lastUsedAt: null, expiresAt: 9_000 });
      expect(found?.owner).toEqual({ ...user('bob'), passwordChangedAt: null });
      const inst = await s.apiKeys.liveByHash('kh-inst');
      expect(inst?.key.userId).toBeNull();
      expect(inst?.owner).toBeUndefined();
      expect(await s.apiKeys.liveByHash('kh-unknown')).toBeUndefined();
    });

    it('forgets a revoked key for every read, once; an expired one is still listed', async () => {
      const s = store();
      await s.apiKeys.insert(apiKey('k1', 'bob', { createdAt: 1_000 }));
      await s.apiKeys.insert(apiKey('k2', 'bob', { createdAt: 2_000, expiresAt: 1_500 }));
      await s.apiKeys.insert(apiKey('k3', 'ann', { createdAt: 3_000 }));
      expect(await s.apiKeys.revoke('k1', 4_000)).toBe(true);
      expect(await s.apiKeys.revoke('k1', 4_001)).toBe(false);
      expect(await s.apiKeys.revoke('nope', 4_001)).toBe(false);
      expect(await s.apiKeys.liveByHash('kh-k1')).toBeUndefined();
      expect(await s.apiKeys.byId('k1')).toBeUndefined();
      expect((await s.apiKeys.list()).map((k) => k.id)).toEqual(['k3', 'k2']);
      expect((await s.apiKeys.listOfUser('bob')).map((k) => k.id)).toEqual(['k2']);
      expect((await s.apiKeys.byId('k2'))?.expiresAt).toBe(1_500);
    });

    it('records when a key was last used', async () => {
      await store().apiKeys.insert(apiKey('k1', 'bob'));
      await store().apiKeys.touch('k1', 7_000);
      expect((await store().apiKeys.byId('k1'))?.lastUsedAt).toBe(7_000);
    });
  });

  describe('one-time links', () => {
    beforeEach(async () => {
      await store().users.insert(user('ann', 'owner'));
      await store().users.insert(user('bob'));
    });

    it('finds a link by token hash and kind', async () => {
      await store().accountLinks.insert(link('i1', { createdBy: 'ann' }));
      expect(await store().accountLinks.byHash('lh-i1', 'invite')).toEqual({ ...link('i1', { createdBy: 'ann' }), tokenHash: undefined, usedAt: null, revokedAt: null });
      expect(await store().accountLinks.byHash('lh-i1', 'reset')).toBeUndefined();
      expect(await store().accountLinks.byId('i1', 'reset')).toBeUndefined();
      expect((await store().accountLinks.byId('i1', 'invite'))?.email).toBe('i1@example.test');
    });

    it('lets a link be used once: the second use, also of a racing unit, changes nothing', async () => {
      const s = store();
      await s.accountLinks.insert(link('i1'));
      const [first, second] = await Promise.all([s.write((tx) => tx.accountLinks.use('i1', 2_000)), s.write((tx) => tx.accountLinks.use('i1', 2_000))]);
      expect([first, second].sort()).toEqual([false, true]);
      expect(await s.accountLinks.use('i1', 2_001)).toBe(false);
      expect((await s.accountLinks.byId('i1', 'invite'))?.usedAt).toBe(2_000);
      expect(await s.accountLinks.pending('invite', 2_000)).toEqual([]);
    });

    it('refuses to use an expired or withdrawn link, and withdraws only pending ones', async () => {
      const s = store();
      await s.accountLinks.insert(link('late', { expiresAt: 2_000 }));
      expect(await s.accountLinks.use('late', 2_000)).toBe(false);
      await s.accountLinks.insert(link('gone'));
      expect(await s.accountLinks.revoke('gone', 'reset', 1_500)).toBe(false);
      expect(await s.accountLinks.revoke('gone', 'invite', 1_500)).toBe(true);
      expect(await s.accountLinks.revoke('gone', 'invite', 1_600)).toBe(false);
      expect(await s.accountLinks.use('gone', 1_700)).toBe(false);
      expect(await s.accountLinks.byId('gone', 'invite')).toMatchObject({ usedAt: null, revokedAt: 1_500 });
    });

    it('lists pending links of a kind, newest first, and withdraws a user’s pending resets', async () => {
      const s = store();
      await s.accountLinks.insert(link('i1', { createdAt: 1_000 }));
      await s.accountLinks.insert(link('i2', { createdAt: 1_100 }));
      await s.accountLinks.insert(link('i3', { createdAt: 1_200, expiresAt: 1_500 }));
      const reset = (id: string, userId: string, createdAt: number) => link(id, { kind: 'reset', userId, email: null, role: null, createdAt });
      await s.accountLinks.insert(reset('r1', 'bob', 1_000));
      await s.accountLinks.insert(reset('r2', 'bob', 1_100));
      await s.accountLinks.insert(reset('r3', 'ann', 1_200));
      await s.accountLinks.use('r1', 1_300);
      expect((await s.accountLinks.pending('invite', 1_600)).map((l) => l.id)).toEqual(['i2', 'i1']);
      expect(await s.accountLinks.revokeResetsOf('bob', 1_400)).toBe(1);
      expect((await s.accountLinks.pending('reset', 1_600)).map((l) => l.id)).toEqual(['r3']);
      expect(await s.accountLinks.byId('r1', 'reset')).toMatchObject({ usedAt: 1_300, revokedAt: null });
    });
  });

  describe('audit log', () => {
    it('keeps entries as given, before/after/changes included, and pages them newest first by id', async () => {
      const s = store();
      const full = entry('aud_3', { at: 3_000, before: { role: 'viewer' }, after: { role: 'editor', n: [1, 2] }, changes: ['role'] });
      await s.audit.append(entry('aud_1', { at: 1_000 }));
      await s.audit.append(entry('aud_2', { at: 2_000 }));
      await s.audit.append(full);
      expect((await s.audit.query({ limit: 10 })).map((e) => e.id)).toEqual(['aud_3', 'aud_2', 'aud_1']);
      const [first] = await s.audit.query({ limit: 1 });
      expect(first).toEqual(full);
      expect((await s.audit.query({ limit: 2, cursor: 'aud_3' })).map((e) => e.id)).toEqual(['aud_2', 'aud_1']);
      expect(await s.audit.query({ limit: 2, cursor: 'aud_1' })).toEqual([]);
      const plain = (await s.audit.query({ limit: 1, cursor: 'aud_2' }))[0];
      expect(plain?.before).toBeUndefined();
      expect(plain?.changes).toBeUndefined();
    });

    it('filters by actor, exact action or action prefix, target and time window', async () => {
      const s = store();
      await s.audit.append(entry('aud_1', { at: 1_000, action: 'user.sign_in' }));
      await s.audit.append(entry('aud_2', { at: 2_000, action: 'user.role_change', actor: { kind: 'api-key', id: 'bob', name: 'Bob (key "k")', keyId: 'k1', ip: '127.0.0.1' } }));
      await s.audit.append(entry('aud_3', { at: 3_000, action: 'invite.create', target: { type: 'invite', id: 'inv1', name: 'x@example.test' } }));
      await s.audit.append(entry('aud_4', { at: 4_000, action: 'user.sign_in_extra' }));
      const ids = async (q: Parameters<Store['audit']['query']>[0]) => (await s.audit.query(q)).map((e) => e.id);
      expect(await ids({ limit: 10, actorId: 'bob' })).toEqual(['aud_2']);
      expect(await ids({ limit: 10, action: 'user.sign_in' })).toEqual(['aud_1']);
      expect(await ids({ limit: 10, action: 'user.' })).toEqual(['aud_4', 'aud_2', 'aud_1']);
      expect(await ids({ limit: 10, targetType: 'invite' })).toEqual(['aud_3']);
      expect(await ids({ limit: 10, targetId: 'inv1' })).toEqual(['aud_3']);
      expect(await ids({ limit: 10, from: 2_000, to: 4_000 })).toEqual(['aud_3', 'aud_2']);
      expect(await ids({ limit: 2 })).toEqual(['aud_4', 'aud_3']);
      expect((await s.audit.query({ limit: 1, actorId: 'bob' }))[0]?.actor).toEqual({ kind: 'api-key', id: 'bob', name: 'Bob (key "k")', keyId: 'k1', ip: '127.0.0.1' });
    });

    it('matches an action prefix as plain characters, never as a pattern', async () => {
      const s = store();
      await s.audit.append(entry('aud_1', { action: 'userXsign.in' }));
      await s.audit.append(entry('aud_2', { action: 'user_sign.in' }));
      await s.audit.append(entry('aud_3', { action: 'user%.in' }));
      const ids = async (action: string) => (await s.audit.query({ limit: 10, action })).map((e) => e.id);
      expect(await ids('user_sign.')).toEqual(['aud_2']);
      expect(await ids('user%.')).toEqual(['aud_3']);
      expect(await ids('USER_SIGN.')).toEqual([]);
    });
  });

  describe('account changes as one unit of work', () => {
    it('commits a change with its audit entry, or neither', async () => {
      const s = store();
      await s.write(async (tx) => {
        await tx.users.insert(user('ann', 'owner'));
        await tx.audit.append(entry('aud_1'));
      });
      await expect(
        s.write(async (tx) => {
          await tx.users.setRole('ann', 'viewer');
          await tx.audit.append(entry('aud_2', { action: 'user.role_change' }));
          throw new Error('the last owner');
        }),
      ).rejects.toThrow('the last owner');
      expect((await s.users.byId('ann'))?.role).toBe('owner');
      expect((await s.audit.query({ limit: 10 })).map((e) => e.id)).toEqual(['aud_1']);
    });

    it('sees its own writes: a guard read after a write in the same unit counts it', async () => {
      const s = store();
      await s.users.insert(user('ann', 'owner'));
      const owners = await s.write(async (tx) => {
        await tx.users.insert(user('bob', 'owner'));
        return tx.users.countRole('owner');
      });
      expect(owners).toBe(2);
    });
  });
}
