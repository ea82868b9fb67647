import type { Db } from './database.js';

export const roles = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** A person who signs in. The password hash never leaves this module's callers. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: number;
}

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  userId: string | null;
  createdAt: number;
  lastUsedAt: number | null;
}

const userCols = 'id, email, name, role, password_hash AS passwordHash, created_at AS createdAt';
const keyCols = 'id, name, prefix, user_id AS userId, created_at AS createdAt, last_used_at AS lastUsedAt';

/** Users, their sessions and their API keys; tokens and keys are stored only as hashes. */
export function createUserRepo(db: Db) {
  const s = {
    count: db.prepare('SELECT count(*) AS n FROM users'),
    insertUser: db.prepare('INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    byEmail: db.prepare(`SELECT ${userCols} FROM users WHERE email = ?`),
    byId: db.prepare(`SELECT ${userCols} FROM users WHERE id = ?`),
    insertSession: db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    session: db.prepare(
      `SELECT u.id, u.email, u.name, u.role, u.password_hash AS passwordHash, u.created_at AS createdAt
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?`,
    ),
    deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
    insertKey: db.prepare('INSERT INTO api_keys (id, name, key_hash, prefix, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    keyByHash: db.prepare(`SELECT ${keyCols} FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL`),
    touchKey: db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?'),
    listKeys: db.prepare(`SELECT ${keyCols} FROM api_keys WHERE revoked_at IS NULL ORDER BY created_at DESC`),
    revokeKey: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
  };
  return {
    count: () => (s.count.get() as { n: number }).n,
    insertUser: (u: UserRow) => void s.insertUser.run(u.id, u.email, u.name, u.passwordHash, u.role, u.createdAt),
    byEmail: (email: string) => s.byEmail.get(email) as UserRow | undefined,
    byId: (id: string) => s.byId.get(id) as UserRow | undefined,
    insertSession: (tokenHash: string, userId: string, now: number, expiresAt: number) =>
      void s.insertSession.run(tokenHash, userId, now, expiresAt),
    userForSession: (tokenHash: string, now: number) => s.session.get(tokenHash, now) as UserRow | undefined,
    deleteSession: (tokenHash: string) => void s.deleteSession.run(tokenHash),
    insertKey: (k: ApiKeyRow & { keyHash: string }) => void s.insertKey.run(k.id, k.name, k.keyHash, k.prefix, k.userId, k.createdAt),
    keyByHash: (hash: string) => s.keyByHash.get(hash) as ApiKeyRow | undefined,
    touchKey: (id: string, now: number) => void s.touchKey.run(now, id),
    listKeys: () => s.listKeys.all() as ApiKeyRow[],
    revokeKey: (id: string, now: number) => s.revokeKey.run(now, id).changes === 1,
  };
}
export type UserRepo = ReturnType<typeof createUserRepo>;
