import { AppError } from '../../shared/errors.js';
import type { Clock } from '../lib/clock.js';
import { newId, newToken } from '../lib/ids.js';
import type { CommitQueue } from '../store/commit-queue.js';
import type { ApiKeyRow, Role, UserRepo, UserRow } from '../db/user-repo.js';
import { hashPassword, hashToken, verifyPassword } from './passwords.js';

/** Who is calling an API route. A key made with the CLI before any user exists acts as the owner. */
export interface Principal {
  kind: 'session' | 'api-key';
  userId: string | null;
  role: Role;
  name: string;
}

export type PublicUser = Pick<UserRow, 'id' | 'email' | 'name' | 'role'>;
const publicUser = (u: UserRow): PublicUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });

export const SESSION_MS = 7 * 24 * 3600 * 1000;
const KEY_PREFIX = 'sy_live_';

/** Accounts, sessions and API keys. */
export function createAuthService(d: { users: UserRepo; commits: CommitQueue; clock: Clock }) {
  const startSession = async (user: UserRow) => {
    const token = newToken(32);
    const now = d.clock.now();
    await d.commits.run(() => d.users.insertSession(hashToken(token), user.id, now, now + SESSION_MS));
    return { token, user: publicUser(user) };
  };

  return {
    setupRequired: () => d.users.count() === 0,
    /** Creates the first account, the owner; refused once any account exists. */
    async setupOwner(input: { email: string; name: string; password: string }) {
      const passwordHash = await hashPassword(input.password);
      const user: UserRow = { id: newId('usr'), email: input.email, name: input.name, role: 'owner', passwordHash, createdAt: d.clock.now() };
      await d.commits.run(() => {
        if (d.users.count() > 0) throw new AppError('CONFLICT', 409, 'The owner account already exists; sign in instead.');
        d.users.insertUser(user);
      });
      return startSession(user);
    },
    async login(email: string, password: string) {
      const user = d.users.byEmail(email);
      // Verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist.
      const ok = await verifyPassword(password, user?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
      if (!user || !ok) throw new AppError('UNAUTHORIZED', 401, 'The email or the password is wrong.');
      return startSession(user);
    },
    logout: (token: string) => d.commits.run(() => d.users.deleteSession(hashToken(token))),
    /** The principal behind a session cookie, if the session is live. */
    fromSession(token: string): { principal: Principal; user: PublicUser } | undefined {
      const user = d.users.userForSession(hashToken(token), d.clock.now());
      return user && { principal: { kind: 'session', userId: user.id, role: user.role, name: user.name }, user: publicUser(user) };
    },
    /** The principal behind an API key, if the key is live. */
    fromApiKey(key: string): Principal | undefined {
      const row = d.users.keyByHash(hashToken(key));
      if (!row) return undefined;
      const owner = row.userId ? d.users.byId(row.userId) : undefined;
      if (row.userId && !owner) return undefined;
      const now = d.clock.now();
      if (!row.lastUsedAt || now - row.lastUsedAt > 60_000) void d.commits.run(() => d.users.touchKey(row.id, now)).catch(() => undefined);
      return { kind: 'api-key', userId: row.userId, role: owner?.role ?? 'owner', name: row.name };
    },
    /** Creates an API key; the key itself is returned once and stored only as a hash. */
    async createApiKey(name: string, userId: string | null): Promise<ApiKeyRow & { key: string }> {
      const key = `${KEY_PREFIX}${newToken(24)}`;
      const row: ApiKeyRow = { id: newId('key'), name, prefix: key.slice(0, KEY_PREFIX.length + 4), userId, createdAt: d.clock.now(), lastUsedAt: null };
      await d.commits.run(() => d.users.insertKey({ ...row, keyHash: hashToken(key) }));
      return { ...row, key };
    },
    listApiKeys: () => d.users.listKeys(),
    revokeApiKey: (id: string) => d.commits.run(() => d.users.revokeKey(id, d.clock.now())),
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
