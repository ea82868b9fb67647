import type { Sql } from './sql.js';
import type { LinkKind, LinkRow } from '../ports/users.js';

const cols = `id, kind, email, role, user_id AS "userId", created_by AS "createdBy", created_at AS "createdAt", expires_at AS "expiresAt", used_at AS "usedAt", revoked_at AS "revokedAt"`;

/** One-time links (invitations, password resets), stored by the hash of their token. */
export const postgresAccountLinks = {
  async insert(q: Sql, l: Omit<LinkRow, 'usedAt' | 'revokedAt'> & { tokenHash: string }): Promise<void> {
    await q.run(
      `INSERT INTO account_links (id, kind, token_hash, email, role, user_id, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [l.id, l.kind, l.tokenHash, l.email, l.role, l.userId, l.createdBy, l.createdAt, l.expiresAt],
    );
  },
  byHash: (q: Sql, tokenHash: string, kind: LinkKind) => q.one<LinkRow>(`SELECT ${cols} FROM account_links WHERE token_hash = $1 AND kind = $2`, [tokenHash, kind]),
  byId: (q: Sql, id: string, kind: LinkKind) => q.one<LinkRow>(`SELECT ${cols} FROM account_links WHERE id = $1 AND kind = $2`, [id, kind]),
  /** Links of a kind that can still be used, newest first. */
  pending: (q: Sql, kind: LinkKind, now: number) =>
    q.rows<LinkRow>(`SELECT ${cols} FROM account_links WHERE kind = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at DESC, id DESC`, [kind, now]),
  /** The guard makes "use" a single winner: a second use of the same link changes nothing. */
  use: async (q: Sql, id: string, now: number) => (await q.run('UPDATE account_links SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $1', [now, id])) === 1,
  revoke: async (q: Sql, id: string, kind: LinkKind, now: number) =>
    (await q.run('UPDATE account_links SET revoked_at = $1 WHERE id = $2 AND kind = $3 AND used_at IS NULL AND revoked_at IS NULL', [now, id, kind])) === 1,
  revokeResetsOf: (q: Sql, userId: string, now: number) =>
    q.run("UPDATE account_links SET revoked_at = $1 WHERE kind = 'reset' AND user_id = $2 AND used_at IS NULL AND revoked_at IS NULL", [now, userId]),
};
