import { AppError } from '../../shared/errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import type { UserRow } from '../store/ports/users.js';
import type { AccountStore } from './account-store.js';
import { createApiKeys, type KeyOptions } from './auth-keys.js';
import type { AuthConfig } from './auth-config.js';
import { accessPolicyFrom, defaultAccessPolicy, type AccessPolicy } from './auth-policy.js';
import { publicUser, type PublicUser } from './auth-principal.js';
import { createSessions, type SessionMeta } from './auth-sessions.js';
import { createSignInThrottle, type ThrottleLimits } from './auth-throttle.js';
import { createAuditService, type Actor } from './audit-service.js';
import { createInvites } from './invites-service.js';
import { createPasswords } from './users-passwords.js';
import { createUsersService } from './users-service.js';
import { hashPassword, verifyPassword } from './passwords.js';

export type { Principal, PublicUser } from './auth-principal.js';

export interface AuthDeps {
  store: AccountStore;
  clock: Clock;
  policy?: AccessPolicy;
  /** The base of invitation and reset links. */
  publicUrl?: string;
  throttle?: ThrottleLimits;
}

// Verified when the email is unknown, so the time taken does not reveal which emails exist.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Accounts, sessions, API keys, invitations, passwords and the audit log, built over their ports. */
export function createAuthService(d: AuthDeps) {
  const policy = d.policy ?? defaultAccessPolicy;
  const publicUrl = d.publicUrl ?? '';
  const store = d.store;
  const audit = createAuditService({ store, clock: d.clock });
  const sessions = createSessions({ store, audit, clock: d.clock, policy });
  const keys = createApiKeys({ store, audit, clock: d.clock });
  const throttle = createSignInThrottle(d.clock, d.throttle);
  const shared = { store, sessions, audit, clock: d.clock, policy, publicUrl };
  const userActor = (u: UserRow, meta: SessionMeta) => ({ kind: 'user' as const, id: u.id, name: u.name, keyId: null, ip: meta.ip ?? null });

  return {
    policy,
    audit,
    sessions,
    keys,
    throttle,
    users: createUsersService({ store, audit }),
    invites: createInvites(shared),
    passwords: createPasswords({ ...shared, throttle }),

    setupRequired: async () => (await store.users.count()) === 0,

    /** Creates the first account, the owner; refused once any account exists. */
    async setupOwner(input: { email: string; name: string; password: string }, meta: SessionMeta = {}) {
      const passwordHash = await hashPassword(input.password);
      return store.write(async (tx) => {
        if ((await tx.users.count()) > 0) throw new AppError('CONFLICT', 409, 'The owner account already exists; sign in instead.');
        const now = d.clock.now();
        const user: UserRow = { id: newId('usr', now), email: input.email, name: input.name, role: 'owner', passwordHash, createdAt: now, passwordChangedAt: null };
        await tx.users.insert(user);
        await audit.recordIn(tx, { actor: userActor(user, meta), action: 'user.setup_owner', target: { type: 'user', id: user.id, name: user.email }, after: publicUser(user) });
        return { ...(await sessions.startIn(tx, user, meta)), user: publicUser(user) };
      });
    },

    /**
     * Signs in. Failed tries are counted per address+account and per address; over the limit
     * the answer is a 429 with `retryAfterSeconds`, whatever the password.
     */
    async login(email: string, password: string, meta: SessionMeta = {}): Promise<{ token: string; user: PublicUser; expiresAt: number }> {
      const ip = meta.ip ?? 'unknown';
      const wait = throttle.retryAfterMs(ip, email);
      if (wait > 0) {
        const retryAfterSeconds = Math.ceil(wait / 1000);
        throw new AppError('RATE_LIMITED', 429, `Too many failed sign-ins. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });
      }
      const user = await store.users.byEmail(email);
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok) {
        throttle.failed(ip, email);
        throw new AppError('UNAUTHORIZED', 401, 'The email or the password is wrong.');
      }
      throttle.succeeded(ip, email);
      return store.write(async (tx) => {
        // Ended sessions are refused anyway; sign-in is a rare, natural moment to drop their rows.
        const now = d.clock.now();
        await tx.sessions.purge(now, now - policy.sessionIdleMs);
        await audit.recordIn(tx, { actor: userActor(user, meta), action: 'user.sign_in', target: { type: 'user', id: user.id, name: user.email } });
        return { ...(await sessions.startIn(tx, user, meta)), user: publicUser(user) };
      });
    },

    logout: (token: string) => sessions.end(token),
    /** The principal behind a session cookie, if the session is live. */
    fromSession: (token: string) => sessions.resolve(token),
    /** The principal behind an API key, if the key is live. */
    fromApiKey: (key: string) => keys.resolve(key),
    /** Creates an API key (`userId` null: an installation key with owner rights); shown once. With `actor`, audited in the same unit. */
    createApiKey: (name: string, userId: string | null, opts?: KeyOptions, actor?: Actor) => keys.create(name, userId, opts, actor),
  };
}
export type AuthService = ReturnType<typeof createAuthService>;

/** The auth service over the store, as the server and the CLI build it. */
export function authServiceFor(store: AccountStore, d: { clock: Clock; publicUrl: string; access?: AuthConfig }): AuthService {
  return createAuthService({ store, clock: d.clock, publicUrl: d.publicUrl, ...(d.access ? { policy: accessPolicyFrom(d.access) } : {}) });
}
