import { z } from 'zod';
import type pg from 'pg';
import type { Clock } from '../../lib/clock.js';
import { createAuditStamp } from '../../services/audit-service.js';
import { readJsonAs } from '../json-column.js';
import { postgresAudit } from './audit-repo.js';
import { egressAuditEntry, type EgressSettingsStore } from '../ports/settings.js';
import { inTransaction, sqlOver, type Sql } from './sql.js';

const KEY = 'egress.allow';
const entriesSchema = z.array(z.string());

/**
 * The egress allow-list on PostgreSQL (the `settings` table): a change and its audit entry
 * commit together. The row is locked for the change, so two owners saving at once take turns
 * and each audit entry's "before" is what that change really replaced.
 */
export function createPostgresEgressSettingsStore(d: { pool: pg.Pool; clock: Clock }): EgressSettingsStore {
  // Ids in the audit service's shape, so these entries sort among the others by time.
  const stamp = createAuditStamp(d.clock);
  const read = async (q: Sql, lock = false): Promise<string[]> => {
    const row = await q.one<{ value: string }>(`SELECT value FROM settings WHERE key = $1${lock ? ' FOR UPDATE' : ''}`, [KEY]);
    return row ? readJsonAs(entriesSchema, row.value, 'settings', KEY) : [];
  };
  return {
    getEgressAllow: () => read(sqlOver(d.pool)),
    setEgressAllow: (entries, actor) =>
      inTransaction(d.pool, async (client) => {
        const q = sqlOver(client);
        const now = d.clock.now();
        // A first save has no row to lock: create it empty first (a concurrent first save waits on it).
        await q.run(`INSERT INTO settings (key, value, updated_at) VALUES ($1, '[]', $2) ON CONFLICT (key) DO NOTHING`, [KEY, now]);
        const change = { before: await read(q, true), after: [...entries] };
        await q.run('UPDATE settings SET value = $2, updated_at = $3, updated_by = $4 WHERE key = $1', [KEY, JSON.stringify(change.after), now, actor.name]);
        await postgresAudit.insert(q, stamp(egressAuditEntry(actor, change)));
        return change;
      }),
  };
}
