import type { Clock } from '../lib/clock.js';
import { newId, newToken } from '../lib/ids.js';
import type { SessionPort, SessionRow, UserRow } from '../store/ports/users.js';
import type { AccountStore } from './account-store.js';
import type { AccessPolicy } from './auth-policy.js';
import type { Actor, AuditService } from './audit-service.js';
import { publicUser, type Principal, type PublicUser } from './auth-principal.js';
import { hashToken } from './passwords.js';

/** Where a sign-in came from, shown in "my sessions". */
export interface SessionMeta {
  userAgent?: string;
  ip?: string;
}

/** A live session as its owner sees it in the list. */
export interface SessionView {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

// Writing last_seen_at on every request would cost an fsync each; once a minute is enough for an idle timeout of hours.
const TOUCH_EVERY_MS = 60_000;

/** Cookie sessions: started at sign-in, ended by sign-out, idle time, their absolute end or revocation. */
export function createSessions(d: { store: Pick<AccountStore, 'sessions' | 'audit' | 'write'>; audit: AuditService; clock: Clock; policy: AccessPolicy }) {
  const seenAfter = (now: number) => now - d.policy.sessionIdleMs;
  const sessions = d.store.sessions;

  /** Starts a session through `tx` (a unit of work, or the store itself); returns the token (shown once, in the cookie). */
  const startIn = async (tx: { sessions: SessionPort }, user: UserRow, meta: SessionMeta = {}): Promise<{ token: string; sessionId: string; expiresAt: number }> => {
    const token = newToken(32);
    const now = d.clock.now();
    const row: SessionRow = {
      id: newId('ses', now),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + d.policy.sessionMaxMs,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip?.slice(0, 64) ?? null,
    };
    await tx.sessions.insert({ ...row, tokenHash: hashToken(token) });
    return { token, sessionId: row.id, expiresAt: row.expiresAt };
  };

  return {
    startIn,
    /** Starts a session in its own unit. */
    start: (user: UserRow, meta: SessionMeta = {}) => startIn(d.store, user, meta),

    /** The principal behind a session cookie, if the session is live; keeps it alive. One read per request. */
    async resolve(token: string): Promise<{ principal: Principal; user: PublicUser; expiresAt: number } | undefined> {
      const now = d.clock.now();
      const row = await sessions.live(hashToken(token), now, seenAfter(now));
      if (!row) return undefined;
      if (now - row.lastSeenAt > TOUCH_EVERY_MS) void sessions.touch(row.sessionId, now).catch(() => undefined);
      const principal: Principal = { kind: 'session', userId: row.id, role: row.role, scope: 'full', name: row.name, userName: row.name, sessionId: row.sessionId };
      return { principal, user: publicUser(row), expiresAt: row.expiresAt };
    },

    end: (token: string) => sessions.removeByHash(hashToken(token)),

    /** The user's live sessions, the calling one marked. */
    async list(userId: string, currentId?: string): Promise<SessionView[]> {
      const now = d.clock.now();
      return (await sessions.forUser(userId, now, seenAfter(now))).map((s) => ({ ...s, current: s.id === currentId }));
    },

    /** Ends one of the user's sessions, audited as `actor` in the same unit; false when it is not theirs or is gone. */
    revoke: (userId: string, id: string, actor: Actor) =>
      d.store.write(async (tx) => {
        if (!(await tx.sessions.removeById(id, userId))) return false;
        await d.audit.recordIn(tx, { actor, action: 'session.revoke', target: { type: 'session', id, name: null } });
        return true;
      }),
    /** Ends every session of the user, audited as `actor` in the same unit; how many ended. */
    revokeAll: (userId: string, actor: Actor) =>
      d.store.write(async (tx) => {
        const ended = await tx.sessions.removeAllOfUser(userId);
        await d.audit.recordIn(tx, { actor, action: 'session.revoke_all', target: { type: 'user', id: userId, name: null }, after: { ended } });
        return ended;
      }),
    revokeOthers: (userId: string, keepId: string) => sessions.removeOthersOfUser(userId, keepId),
    /** Deletes ended sessions (they are already refused; this only keeps the table small). */
    purge: () => sessions.purge(d.clock.now(), seenAfter(d.clock.now())),
  };
}
export type Sessions = ReturnType<typeof createSessions>;
