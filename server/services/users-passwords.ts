import { AppError } from '../../shared/errors.js';
import type { Clock } from '../lib/clock.js';
import { newId, newToken } from '../lib/ids.js';
import type { AccountStore } from './account-store.js';
import type { AccessPolicy } from './auth-policy.js';
import { publicUser, type Principal, type PublicUser } from './auth-principal.js';
import type { SessionMeta, Sessions } from './auth-sessions.js';
import type { SignInThrottle } from './auth-throttle.js';
import { actorOf, type Actor, type AuditService } from './audit-service.js';
import { linkPath, usableLink } from './invites-link.js';
import { hashPassword, hashToken, verifyPassword } from './passwords.js';

export interface PasswordsDeps {
  store: AccountStore;
  sessions: Sessions;
  audit: AuditService;
  clock: Clock;
  policy: AccessPolicy;
  publicUrl: string;
  throttle: SignInThrottle;
}

/**
 * Passwords: a person changes their own (knowing the current one; their other sessions end),
 * and the owner hands out a one-time reset link (no email needed) for someone who forgot
 * theirs. Completing a reset ends every session of that person and starts a new one.
 */
export function createPasswords(d: PasswordsDeps) {
  const links = d.store.accountLinks;
  return {
    async change(p: Principal, input: { currentPassword: string; newPassword: string }, ip: string): Promise<void> {
      const user = p.userId ? await d.store.users.byId(p.userId) : undefined;
      if (!user) throw new AppError('BAD_REQUEST', 400, 'This key belongs to no user, so it has no password to change.');
      const account = `password:${user.id}`;
      const wait = d.throttle.retryAfterMs(ip, account);
      if (wait > 0) throw new AppError('RATE_LIMITED', 429, 'Too many wrong passwords. Wait a little and try again.', { retryAfterSeconds: Math.ceil(wait / 1000) });
      if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
        d.throttle.failed(ip, account);
        throw new AppError('BAD_REQUEST', 400, 'The current password is wrong.');
      }
      d.throttle.succeeded(ip, account);
      const hash = await hashPassword(input.newPassword);
      await d.store.write(async (tx) => {
        const now = d.clock.now();
        await tx.users.setPassword(user.id, hash, now);
        await tx.accountLinks.revokeResetsOf(user.id, now);
        if (p.sessionId) await tx.sessions.removeOthersOfUser(user.id, p.sessionId);
        else await tx.sessions.removeAllOfUser(user.id);
        await d.audit.recordIn(tx, { actor: actorOf(p, ip), action: 'user.password_change', target: { type: 'user', id: user.id, name: user.email } });
      });
    },

    /** A one-time reset link for a user (owner only); an older pending link for them stops working. */
    async createResetLink(actor: Actor, userId: string): Promise<{ url: string; expiresAt: number }> {
      const token = newToken(24);
      return d.store.write(async (tx) => {
        const user = await tx.users.byId(userId);
        if (!user) throw new AppError('NOT_FOUND', 404, `There is no user ${userId.slice(0, 100)}.`);
        const now = d.clock.now();
        await tx.accountLinks.revokeResetsOf(userId, now);
        const id = newId('rst', now);
        const expiresAt = now + d.policy.resetTtlMs;
        await tx.accountLinks.insert({ id, kind: 'reset', tokenHash: hashToken(token), email: user.email, role: null, userId, createdBy: actor.id, createdAt: now, expiresAt });
        await d.audit.recordIn(tx, { actor, action: 'user.reset_link', target: { type: 'user', id: userId, name: user.email }, after: { expiresAt } });
        return { url: `${d.publicUrl}${linkPath.reset}${token}`, expiresAt };
      });
    },

    async inspectReset(token: string): Promise<{ email: string; name: string; expiresAt: number }> {
      const row = await usableLink(links, 'reset', token, d.clock.now());
      const user = row.userId ? await d.store.users.byId(row.userId) : undefined;
      if (!user) throw new AppError('NOT_FOUND', 404, 'The account of this link no longer exists.');
      return { email: user.email, name: user.name, expiresAt: row.expiresAt };
    },

    async completeReset(token: string, password: string, meta: SessionMeta): Promise<{ token: string; user: PublicUser; expiresAt: number }> {
      await usableLink(links, 'reset', token, d.clock.now());
      const hash = await hashPassword(password);
      return d.store.write(async (tx) => {
        const now = d.clock.now();
        const link = await usableLink(tx.accountLinks, 'reset', token, now);
        const user = link.userId ? await tx.users.byId(link.userId) : undefined;
        if (!user) throw new AppError('NOT_FOUND', 404, 'The account of this link no longer exists.');
        if (!(await tx.accountLinks.use(link.id, now))) throw new AppError('NOT_FOUND', 410, 'This password reset link was already used.', { reason: 'used' });
        await tx.users.setPassword(user.id, hash, now);
        await tx.sessions.removeAllOfUser(user.id);
        const session = await d.sessions.startIn(tx, user, meta);
        await d.audit.recordIn(tx, {
          actor: { kind: 'user', id: user.id, name: user.name, keyId: null, ip: meta.ip ?? null },
          action: 'user.password_reset',
          target: { type: 'user', id: user.id, name: user.email },
        });
        return { token: session.token, user: publicUser(user), expiresAt: session.expiresAt };
      });
    },
  };
}
export type Passwords = ReturnType<typeof createPasswords>;
