import type { Sql } from './sql.js';
import type { LiveSession, SessionRow } from '../ports/users.js';

const cols = `id, user_id AS "userId", created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt", user_agent AS "userAgent", ip`;

/** Sessions: a live session is before its absolute end and was seen within the idle window (`seenAfter`). */
export const postgresSessions = {
  async insert(q: Sql, s: SessionRow & { tokenHash: string }): Promise<void> {
    const sql = 'INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)';
    await q.run(sql, [s.id, s.tokenHash, s.userId, s.createdAt, s.lastSeenAt, s.expiresAt, s.userAgent, s.ip]);
  },
  /** The user behind a live session token hash, with the session's id and times. */
  live: (q: Sql, tokenHash: string, now: number, seenAfter: number) =>
    q.one<LiveSession>(
      `SELECT s.id AS "sessionId", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt",
              u.id, u.email, u.name, u.role, u.password_hash AS "passwordHash", u.created_at AS "createdAt", u.password_changed_at AS "passwordChangedAt"
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3`,
      [tokenHash, now, seenAfter],
    ),
  touch: async (q: Sql, id: string, now: number) => void (await q.run('UPDATE sessions SET last_seen_at = $1 WHERE id = $2', [now, id])),
  forUser: (q: Sql, userId: string, now: number, seenAfter: number) =>
    q.rows<SessionRow>(`SELECT ${cols} FROM sessions WHERE user_id = $1 AND expires_at > $2 AND last_seen_at > $3 ORDER BY last_seen_at DESC`, [userId, now, seenAfter]),
  removeByHash: async (q: Sql, tokenHash: string) => (await q.run('DELETE FROM sessions WHERE token_hash = $1', [tokenHash])) === 1,
  /** Removes one of a user's sessions; false when it is not theirs or is gone. */
  removeById: async (q: Sql, id: string, userId: string) => (await q.run('DELETE FROM sessions WHERE id = $1 AND user_id = $2', [id, userId])) === 1,
  removeAllOfUser: (q: Sql, userId: string) => q.run('DELETE FROM sessions WHERE user_id = $1', [userId]),
  removeOthersOfUser: (q: Sql, userId: string, keepId: string) => q.run('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [userId, keepId]),
  purge: (q: Sql, now: number, seenAfter: number) => q.run('DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2', [now, seenAfter]),
};
