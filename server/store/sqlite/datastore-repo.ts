import type { Db } from './database.js';
import type { DataEntry, DataQuery, IncrementResult } from '../ports/datastore.js';

interface RawEntry {
  scope: string;
  key: string;
  value: string;
  expires_at: number | null;
  updated_at: number;
}

const toEntry = (r: RawEntry): DataEntry => ({ scope: r.scope, key: r.key, value: r.value, expiresAt: r.expires_at, updatedAt: r.updated_at });

/** `LIKE` with the prefix's own wildcards escaped. */
const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The data store's entries. Synchronous, so each operation is atomic by itself (one connection,
 * the commit queue runs one unit at a time): an increment reads and writes with nothing between.
 */
export function createDataStoreRepo(db: Db) {
  const live = '(expires_at IS NULL OR expires_at > @now)';
  const s = {
    get: db.prepare<{ scope: string; key: string; now: number }, RawEntry>(`SELECT * FROM datastore WHERE scope = @scope AND key = @key AND ${live}`),
    set: db.prepare(
      `INSERT INTO datastore (scope, key, value, expires_at, updated_at) VALUES (@scope, @key, @value, @expiresAt, @now)
       ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
    ),
    remove: db.prepare(`DELETE FROM datastore WHERE scope = @scope AND key = @key AND ${live}`),
    removeDead: db.prepare('DELETE FROM datastore WHERE scope = @scope AND key = @key'),
    claim: db.prepare(
      `INSERT INTO datastore (scope, key, value, expires_at, updated_at) VALUES (@scope, @key, @value, @expiresAt, @now)
       ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, updated_at = excluded.updated_at
       WHERE datastore.expires_at IS NOT NULL AND datastore.expires_at <= @now`,
    ),
    footprint: db.prepare<[], { entries: number; bytes: number | null }>('SELECT COUNT(*) AS entries, SUM(length(key) + length(value)) AS bytes FROM datastore'),
  };
  // WITHOUT ROWID: a bounded delete selects the keys first.
  const purge = db.prepare('DELETE FROM datastore WHERE (scope, key) IN (SELECT scope, key FROM datastore WHERE expires_at IS NOT NULL AND expires_at <= ? LIMIT ?)');
  const listings = new Map<string, ReturnType<typeof db.prepare<Record<string, unknown>, RawEntry>>>();

  return {
    get: (scope: string, key: string, now: number): DataEntry | undefined => {
      const r = s.get.get({ scope, key, now });
      return r ? toEntry(r) : undefined;
    },
    set(scope: string, key: string, value: string, expiresAt: number | null, now: number): void {
      s.set.run({ scope, key, value, expiresAt, now });
    },
    increment(scope: string, key: string, by: number, expiresAt: number | null, now: number): IncrementResult {
      const current = s.get.get({ scope, key, now });
      let base = 0;
      let expiry = expiresAt;
      if (current) {
        const parsed: unknown = JSON.parse(current.value);
        if (typeof parsed !== 'number') return { ok: false, reason: 'not_a_number' };
        base = parsed;
        expiry = current.expires_at;
      }
      const value = base + by;
      s.set.run({ scope, key, value: JSON.stringify(value), expiresAt: expiry, now });
      return { ok: true, value };
    },
    remove(scope: string, key: string, now: number): boolean {
      const n = s.remove.run({ scope, key, now }).changes;
      s.removeDead.run({ scope, key });
      return n > 0;
    },
    list(q: DataQuery): DataEntry[] {
      const where = [live, "key LIKE @prefix ESCAPE '\\'"];
      if (q.scope !== null) where.push('scope = @scope');
      if (q.after) where.push('(scope > @afterScope OR (scope = @afterScope AND key > @afterKey))');
      const sql = `SELECT * FROM datastore WHERE ${where.join(' AND ')} ORDER BY scope, key LIMIT @limit`;
      let stmt = listings.get(sql);
      if (!stmt) listings.set(sql, (stmt = db.prepare<Record<string, unknown>, RawEntry>(sql)));
      const rows = stmt.all({ now: q.now, prefix: likePrefix(q.prefix), scope: q.scope, afterScope: q.after?.scope ?? null, afterKey: q.after?.key ?? null, limit: q.limit });
      return rows.map(toEntry);
    },
    claim: (scope: string, key: string, value: string, expiresAt: number, now: number): boolean => s.claim.run({ scope, key, value, expiresAt, now }).changes > 0,
    purgeExpired: (now: number, limit: number): number => purge.run(now, limit).changes,
    footprint(): { entries: number; bytes: number } {
      const r = s.footprint.get();
      return { entries: r?.entries ?? 0, bytes: r?.bytes ?? 0 };
    },
  };
}
