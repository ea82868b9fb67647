import type { Db } from './database.js';
import type { LinkKind, LinkRow } from '../ports/users.js';

export type { LinkKind, LinkRow } from '../ports/users.js';

const cols = 'id, kind, email, role, user_id AS userId, created_by AS createdBy, created_at AS createdAt, expires_at AS expiresAt, used_at AS usedAt, revoked_at AS revokedAt';

/** One-time links, stored by the hash of their token. Synchronous: callers decide the transaction. */
export function createUserLinkRepo(db: Db) {
  const s = {
    insert: db.prepare(
      `INSERT INTO account_links (id, kind, token_hash, email, role, user_id, created_by, created_at, expires_at)
       VALUES (@id, @kind, @tokenHash, @email, @role, @userId, @createdBy, @createdAt, @expiresAt)`,
    ),
    byHash: db.prepare(`SELECT ${cols} FROM account_links WHERE token_hash = ? AND kind = ?`),
    byId: db.prepare(`SELECT ${cols} FROM account_links WHERE id = ? AND kind = ?`),
    pending: db.prepare(`SELECT ${cols} FROM account_links WHERE kind = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC, id DESC`),
    // The guard makes "use" a single winner: a second use of the same link changes nothing.
    use: db.prepare('UPDATE account_links SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?'),
    revoke: db.prepare('UPDATE account_links SET revoked_at = ? WHERE id = ? AND kind = ? AND used_at IS NULL AND revoked_at IS NULL'),
    revokeResetsOf: db.prepare("UPDATE account_links SET revoked_at = ? WHERE kind = 'reset' AND user_id = ? AND used_at IS NULL AND revoked_at IS NULL"),
  };
  return {
    insert: (row: Omit<LinkRow, 'usedAt' | 'revokedAt'> & { tokenHash: string }) => void s.insert.run(row),
    byHash: (tokenHash: string, kind: LinkKind) => s.byHash.get(tokenHash, kind) as LinkRow | undefined,
    byId: (id: string, kind: LinkKind) => s.byId.get(id, kind) as LinkRow | undefined,
    /** Links of a kind that can still be used. */
    pending: (kind: LinkKind, now: number) => s.pending.all(kind, now) as LinkRow[],
    /** Marks a link used; false when it was used, revoked or expired already. */
    use: (id: string, now: number) => s.use.run(now, id, now).changes === 1,
    revoke: (id: string, kind: LinkKind, now: number) => s.revoke.run(now, id, kind).changes === 1,
    revokeResetsOf: (userId: string, now: number) => s.revokeResetsOf.run(now, userId).changes,
  };
}
export type UserLinkRepo = ReturnType<typeof createUserLinkRepo>;
