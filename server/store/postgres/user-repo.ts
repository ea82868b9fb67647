import type { Sql } from './sql.js';
import type { ApiKeyRow, Role, UserRow } from '../ports/users.js';
import { splitKeyOwner, type OwnerCols } from '../key-owner.js';
import { EmailTakenError } from '../ports/email-taken.js';

const userCols = `id, email, name, role, password_hash AS "passwordHash", created_at AS "createdAt", password_changed_at AS "passwordChangedAt"`;
const keyCols = `id, name, prefix, user_id AS "userId", scope, created_at AS "createdAt", last_used_at AS "lastUsedAt", expires_at AS "expiresAt"`;
const ownerCols = `u.id AS "ownerId", u.email AS "ownerEmail", u.name AS "ownerName", u.role AS "ownerRole", u.password_hash AS "ownerPasswordHash",
  u.created_at AS "ownerCreatedAt", u.password_changed_at AS "ownerPasswordChangedAt"`;

// The namespace-free key of the accounts lock (pg_advisory_xact_lock(key)).
const ACCOUNTS_LOCK = 0x5359_4143; // 'SYAC'

/**
 * A count that services check before a change in the same unit (no account yet: create the
 * first owner; more than one owner: demote or remove one). Inside a unit it first takes the
 * accounts lock until COMMIT, in its own statement so the count's snapshot is taken after the
 * wait: such units take turns as they do behind SQLite's one writer, and the second sees what
 * the first committed. Outside a unit the lock is released at once (autocommit): harmless.
 */
async function count(q: Sql, text: string, params: readonly unknown[] = []): Promise<number> {
  await q.run('SELECT pg_advisory_xact_lock($1)', [ACCOUNTS_LOCK]);
  return (await q.one<{ n: number }>(text, params))?.n ?? 0;
}

/**
 * Users. Emails compare without case, as SQLite's COLLATE NOCASE does, through the same
 * `lower(email)` that the unique index keeps one account per address with (so a lookup agrees
 * with the index and reads through it).
 */
export const postgresUsers = {
  count: (q: Sql) => count(q, 'SELECT count(*)::int AS n FROM users'),
  countRole: (q: Sql, role: Role) => count(q, 'SELECT count(*)::int AS n FROM users WHERE role = $1', [role]),
  async insert(q: Sql, u: Omit<UserRow, 'passwordChangedAt'>): Promise<void> {
    const sql = 'INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5, $6)';
    await q.run(sql, [u.id, u.email, u.name, u.passwordHash, u.role, u.createdAt]).catch((error: unknown) => {
      // 23505: unique_violation, here of the index on lower(email).
      const e = error as { code?: string; constraint?: string };
      throw e.code === '23505' && e.constraint === 'users_email' ? new EmailTakenError(u.email) : error;
    });
  },
  byEmail: (q: Sql, email: string) => q.one<UserRow>(`SELECT ${userCols} FROM users WHERE lower(email) = lower($1)`, [email]),
  byId: (q: Sql, id: string) => q.one<UserRow>(`SELECT ${userCols} FROM users WHERE id = $1`, [id]),
  list: (q: Sql) => q.rows<UserRow>(`SELECT ${userCols} FROM users ORDER BY created_at, id`),
  setRole: async (q: Sql, id: string, role: Role) => (await q.run('UPDATE users SET role = $1 WHERE id = $2', [role, id])) === 1,
  setPassword: async (q: Sql, id: string, hash: string, now: number) => (await q.run('UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3', [hash, now, id])) === 1,
  /** Deletes the user; their sessions, keys and links go with them (ON DELETE CASCADE). */
  remove: async (q: Sql, id: string) => (await q.run('DELETE FROM users WHERE id = $1', [id])) === 1,
};

/** API keys, stored only as hashes. A revoked key is gone for every read. */
export const postgresApiKeys = {
  async insert(q: Sql, k: ApiKeyRow & { keyHash: string }): Promise<void> {
    const sql = 'INSERT INTO api_keys (id, name, key_hash, prefix, user_id, scope, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)';
    await q.run(sql, [k.id, k.name, k.keyHash, k.prefix, k.userId, k.scope, k.createdAt, k.expiresAt]);
  },
  /** The unrevoked key with this hash and its user, in one read (the per-request lookup). */
  async liveByHash(q: Sql, hash: string): Promise<{ key: ApiKeyRow; owner: UserRow | undefined } | undefined> {
    const r = await q.one<ApiKeyRow & OwnerCols>(
      `SELECT k.id, k.name, k.prefix, k.user_id AS "userId", k.scope, k.created_at AS "createdAt", k.last_used_at AS "lastUsedAt", k.expires_at AS "expiresAt", ${ownerCols}
       FROM api_keys k LEFT JOIN users u ON u.id = k.user_id
       WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [hash],
    );
    return r && splitKeyOwner(r);
  },
  byId: (q: Sql, id: string) => q.one<ApiKeyRow>(`SELECT ${keyCols} FROM api_keys WHERE id = $1 AND revoked_at IS NULL`, [id]),
  touch: async (q: Sql, id: string, now: number) => void (await q.run('UPDATE api_keys SET last_used_at = $1 WHERE id = $2', [now, id])),
  /** Every live key (expired ones too, so they can be seen and revoked), newest first. */
  list: (q: Sql) => q.rows<ApiKeyRow>(`SELECT ${keyCols} FROM api_keys WHERE revoked_at IS NULL ORDER BY created_at DESC, id DESC`),
  listOfUser: (q: Sql, userId: string) => q.rows<ApiKeyRow>(`SELECT ${keyCols} FROM api_keys WHERE revoked_at IS NULL AND user_id = $1 ORDER BY created_at DESC, id DESC`, [userId]),
  revoke: async (q: Sql, id: string, now: number) => (await q.run('UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now, id])) === 1,
};
