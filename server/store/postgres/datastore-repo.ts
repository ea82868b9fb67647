import type { Sql } from './sql.js';
import type { DataEntry, DataQuery, IncrementResult } from '../ports/datastore.js';

const cols = `scope, key, value, expires_at AS "expiresAt", updated_at AS "updatedAt"`;
const live = (now: string) => `(expires_at IS NULL OR expires_at > ${now})`;
const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The data store's entries. Each operation is one statement, so it is atomic under concurrent
 * callers in any number of processes: `INSERT ... ON CONFLICT DO UPDATE` takes the row lock, and
 * a racing insert of the same key waits for it and then updates the row the winner wrote.
 */
export const postgresDataStore = {
  get: (q: Sql, scope: string, key: string, now: number) => q.one<DataEntry>(`SELECT ${cols} FROM datastore WHERE scope = $1 AND key = $2 AND ${live('$3')}`, [scope, key, now]),
  async set(q: Sql, scope: string, key: string, value: string, expiresAt: number | null, now: number): Promise<void> {
    await q.run(
      `INSERT INTO datastore (scope, key, value, expires_at, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
      [scope, key, value, expiresAt, now],
    );
  },
  async increment(q: Sql, scope: string, key: string, by: number, expiresAt: number | null, now: number): Promise<IncrementResult> {
    // A live entry that is not a JSON number fails the WHERE: no row comes back, nothing changes.
    const row = await q.one<{ value: string }>(
      `INSERT INTO datastore AS d (scope, key, value, expires_at, updated_at) VALUES ($1, $2, ($3::numeric)::text, $4, $5)
       ON CONFLICT (scope, key) DO UPDATE SET
         value = CASE WHEN d.expires_at IS NOT NULL AND d.expires_at <= $5 THEN ($3::numeric)::text ELSE ((d.value::jsonb)::text::numeric + $3::numeric)::text END,
         expires_at = CASE WHEN d.expires_at IS NOT NULL AND d.expires_at <= $5 THEN $4 ELSE d.expires_at END,
         updated_at = $5
       WHERE (d.expires_at IS NOT NULL AND d.expires_at <= $5) OR jsonb_typeof(d.value::jsonb) = 'number'
       RETURNING value`,
      [scope, key, String(by), expiresAt, now],
    );
    return row ? { ok: true, value: Number(row.value) } : { ok: false, reason: 'not_a_number' };
  },
  async remove(q: Sql, scope: string, key: string, now: number): Promise<boolean> {
    const gone = await q.rows<{ live: boolean }>(`DELETE FROM datastore WHERE scope = $1 AND key = $2 RETURNING ${live('$3')} AS live`, [scope, key, now]);
    return gone.some((r) => r.live);
  },
  list(q: Sql, d: DataQuery): Promise<DataEntry[]> {
    const params: unknown[] = [d.now, likePrefix(d.prefix), d.limit];
    const where = [live('$1'), `key LIKE $2 ESCAPE '\\'`];
    if (d.scope !== null) where.push(`scope = $${params.push(d.scope)}`);
    if (d.after) where.push(`(scope, key) > ($${params.push(d.after.scope)}, $${params.push(d.after.key)})`);
    return q.rows<DataEntry>(`SELECT ${cols} FROM datastore WHERE ${where.join(' AND ')} ORDER BY scope, key LIMIT $3`, params);
  },
  async claim(q: Sql, scope: string, key: string, value: string, expiresAt: number, now: number): Promise<boolean> {
    const n = await q.run(
      `INSERT INTO datastore AS d (scope, key, value, expires_at, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, updated_at = excluded.updated_at
       WHERE d.expires_at IS NOT NULL AND d.expires_at <= $5`,
      [scope, key, value, expiresAt, now],
    );
    return n > 0;
  },
  purgeExpired: (q: Sql, now: number, limit: number) =>
    q.run('DELETE FROM datastore WHERE (scope, key) IN (SELECT scope, key FROM datastore WHERE expires_at IS NOT NULL AND expires_at <= $1 LIMIT $2)', [now, limit]),
  async footprint(q: Sql): Promise<{ entries: number; bytes: number }> {
    const r = await q.one<{ entries: number; bytes: number | null }>('SELECT COUNT(*)::int AS entries, SUM(octet_length(key) + octet_length(value))::bigint AS bytes FROM datastore');
    return { entries: r?.entries ?? 0, bytes: r?.bytes ?? 0 };
  },
};
