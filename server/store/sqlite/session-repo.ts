import type { Db } from './database.js';
import type { LiveSession, SessionRow } from '../ports/users.js';

export type { SessionRow } from '../ports/users.js';

const cols = 'id, user_id AS userId, created_at AS createdAt, last_seen_at AS lastSeenAt, expires_at AS expiresAt, user_agent AS userAgent, ip';

/** Sessions: a live session is before its absolute end and was seen within the idle window. */
export function createSessionRepo(db: Db) {
  const s = {
    insert: db.prepare('INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    live: db.prepare(
      `SELECT s.id AS sessionId, s.last_seen_at AS lastSeenAt, s.expires_at AS expiresAt,
              u.id, u.email, u.name, u.role, u.password_hash AS passwordHash, u.created_at AS createdAt, u.password_changed_at AS passwordChangedAt
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen_at > ?`,
    ),
    touch: db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?'),
    forUser: db.prepare(`SELECT ${cols} FROM sessions WHERE user_id = ? AND expires_at > ? AND last_seen_at > ? ORDER BY last_seen_at DESC`),
    byHash: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
    byId: db.prepare('DELETE FROM sessions WHERE id = ? AND user_id = ?'),
    allOfUser: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
    othersOfUser: db.prepare('DELETE FROM sessions WHERE user_id = ? AND id <> ?'),
    purge: db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?'),
  };
  return {
    insert: (row: SessionRow & { tokenHash: string }) => void s.insert.run(row.id, row.tokenHash, row.userId, row.createdAt, row.lastSeenAt, row.expiresAt, row.userAgent, row.ip),
    /** The user behind a live session token hash; `seenAfter` is now minus the idle timeout. */
    live: (tokenHash: string, now: number, seenAfter: number) => s.live.get(tokenHash, now, seenAfter) as LiveSession | undefined,
    touch: (id: string, now: number) => void s.touch.run(now, id),
    forUser: (userId: string, now: number, seenAfter: number) => s.forUser.all(userId, now, seenAfter) as SessionRow[],
    removeByHash: (tokenHash: string) => s.byHash.run(tokenHash).changes === 1,
    /** Removes one of a user's sessions; false when it is not theirs or is gone. */
    removeById: (id: string, userId: string) => s.byId.run(id, userId).changes === 1,
    removeAllOfUser: (userId: string) => s.allOfUser.run(userId).changes,
    removeOthersOfUser: (userId: string, keepId: string) => s.othersOfUser.run(userId, keepId).changes,
    purge: (now: number, seenAfter: number) => s.purge.run(now, seenAfter).changes,
  };
}
export type SessionRepo = ReturnType<typeof createSessionRepo>;
