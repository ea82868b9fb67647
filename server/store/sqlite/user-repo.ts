import type { Db } from './database.js';

import type { ApiKeyRow, Role, UserRow } from '../ports/users.js';
import { splitKeyOwner, type OwnerCols } from '../key-owner.js';
import { EmailTakenError } from '../ports/email-taken.js';

// The domain types live beside the port; re-exported for the callers that still name them here.
export { keyScopes, roles } from '../ports/users.js';
export type { ApiKeyRow, KeyScope, Role, UserRow } from '../ports/users.js';

const userCols = 'id, email, name, role, password_hash AS passwordHash, created_at AS createdAt, password_changed_at AS passwordChangedAt';
const keyCols = 'id, name, prefix, user_id AS userId, scope, created_at AS createdAt, last_used_at AS lastUsedAt, expires_at AS expiresAt';

/** Users and their API keys; keys are stored only as hashes. Synchronous: callers decide the transaction. */
export function createUserRepo(db: Db) {
  const s = {
    count: db.prepare('SELECT count(*) AS n FROM users'),
    countRole: db.prepare('SELECT count(*) AS n FROM users WHERE role = ?'),
    insertUser: db.prepare('INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    byEmail: db.prepare(`SELECT ${userCols} FROM users WHERE email = ?`),
    byId: db.prepare(`SELECT ${userCols} FROM users WHERE id = ?`),
    list: db.prepare(`SELECT ${userCols} FROM users ORDER BY created_at, id`),
    setRole: db.prepare('UPDATE users SET role = ? WHERE id = ?'),
    setPassword: db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?'),
    setName: db.prepare('UPDATE users SET name = ? WHERE id = ?'),
    removeUser: db.prepare('DELETE FROM users WHERE id = ?'),
    insertKey: db.prepare('INSERT INTO api_keys (id, name, key_hash, prefix, user_id, scope, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    keyByHash: db.prepare(`SELECT ${keyCols} FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL`),
    liveKey: db.prepare(
      `SELECT k.id, k.name, k.prefix, k.user_id AS userId, k.scope, k.created_at AS createdAt, k.last_used_at AS lastUsedAt, k.expires_at AS expiresAt,
              u.id AS ownerId, u.email AS ownerEmail, u.name AS ownerName, u.role AS ownerRole, u.password_hash AS ownerPasswordHash,
              u.created_at AS ownerCreatedAt, u.password_changed_at AS ownerPasswordChangedAt
       FROM api_keys k LEFT JOIN users u ON u.id = k.user_id
       WHERE k.key_hash = ? AND k.revoked_at IS NULL`,
    ),
    keyById: db.prepare(`SELECT ${keyCols} FROM api_keys WHERE id = ? AND revoked_at IS NULL`),
    touchKey: db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?'),
    listKeys: db.prepare(`SELECT ${keyCols} FROM api_keys WHERE revoked_at IS NULL ORDER BY created_at DESC, id DESC`),
    listUserKeys: db.prepare(`SELECT ${keyCols} FROM api_keys WHERE revoked_at IS NULL AND user_id = ? ORDER BY created_at DESC, id DESC`),
    revokeKey: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
  };
  return {
    count: () => (s.count.get() as { n: number }).n,
    countRole: (role: Role) => (s.countRole.get(role) as { n: number }).n,
    insertUser(u: Omit<UserRow, 'passwordChangedAt'>): void {
      try {
        s.insertUser.run(u.id, u.email, u.name, u.passwordHash, u.role, u.createdAt);
      } catch (error) {
        const e = error as { code?: string; message?: string };
        throw e.code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message?.includes('users.email') ? new EmailTakenError(u.email) : error;
      }
    },
    byEmail: (email: string) => s.byEmail.get(email) as UserRow | undefined,
    byId: (id: string) => s.byId.get(id) as UserRow | undefined,
    list: () => s.list.all() as UserRow[],
    setRole: (id: string, role: Role) => s.setRole.run(role, id).changes === 1,
    setPassword: (id: string, hash: string, now: number) => s.setPassword.run(hash, now, id).changes === 1,
    setName: (id: string, name: string) => s.setName.run(name, id).changes === 1,
    /** Deletes the user; their sessions, keys and links go with them (ON DELETE CASCADE). */
    removeUser: (id: string) => s.removeUser.run(id).changes === 1,
    insertKey: (k: ApiKeyRow & { keyHash: string }) => void s.insertKey.run(k.id, k.name, k.keyHash, k.prefix, k.userId, k.scope, k.createdAt, k.expiresAt),
    keyByHash: (hash: string) => s.keyByHash.get(hash) as ApiKeyRow | undefined,
    /** The unrevoked key with this hash and its user, in one read (the per-request lookup). */
    liveKey(hash: string): { key: ApiKeyRow; owner: UserRow | undefined } | undefined {
      const r = s.liveKey.get(hash) as (ApiKeyRow & OwnerCols) | undefined;
      if (!r) return undefined;
      return splitKeyOwner(r);
    },
    keyById: (id: string) => s.keyById.get(id) as ApiKeyRow | undefined,
    touchKey: (id: string, now: number) => void s.touchKey.run(now, id),
    /** Every live key (expired ones too, so they can be seen and revoked). */
    listKeys: () => s.listKeys.all() as ApiKeyRow[],
    listUserKeys: (userId: string) => s.listUserKeys.all(userId) as ApiKeyRow[],
    revokeKey: (id: string, now: number) => s.revokeKey.run(now, id).changes === 1,
  };
}
export type UserRepo = ReturnType<typeof createUserRepo>;
