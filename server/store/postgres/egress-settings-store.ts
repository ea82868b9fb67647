import { z } from 'zod';
import type pg from 'pg';
import type { Clock } from '../../lib/clock.js';
import type { AuditInput } from '../../services/audit-service.js';
import { readJsonAs, writeJson } from '../json-column.js';
import { egressAuditEntry, type EgressSettingsStore } from '../ports/settings.js';
import { inTransaction, sqlOver, type Sql } from './sql.js';

const KEY = 'egress.allow';
const entriesSchema = z.array(z.string());

/**
 * Audit ids in the audit service's shape (`aud_`, 15 digits of milliseconds, a 5-digit sequence,
 * 4 random characters), so these entries sort among the others by time. The audit log moves
 * behind its own port later (docs/scale-out.md, "Not yet on PostgreSQL"); this writer goes then.
 */
function auditIds() {
  let lastAt = 0;
  let seq = 0;
  return (now: number) => {
    seq = now === lastAt ? seq + 1 : 0;
    lastAt = now;
    return `aud_${String(now).padStart(15, '0')}${String(seq).padStart(5, '0')}${Math.floor(Math.random() * 36 ** 4)
      .toString(36)
      .padStart(4, '0')}`;
  };
}

async function insertAudit(q: Sql, id: string, at: number, e: AuditInput): Promise<void> {
  await q.run(
    `INSERT INTO audit_log (id, at, actor_kind, actor_id, actor_name, key_id, ip, action, target_type, target_id, target_name, before, after, changes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [id, at, e.actor.kind, e.actor.id, e.actor.name, e.actor.keyId, e.actor.ip, e.action, e.target.type, e.target.id, e.target.name, writeJson(e.before), writeJson(e.after), writeJson(e.changes)],
  );
}

/**
 * The egress allow-list on PostgreSQL (the `settings` table): a change and its audit entry
 * commit together. The row is locked for the change, so two owners saving at once take turns
 * and each audit entry's "before" is what that change really replaced.
 */
export function createPostgresEgressSettingsStore(d: { pool: pg.Pool; clock: Clock }): EgressSettingsStore {
  const nextAuditId = auditIds();
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
        await insertAudit(q, nextAuditId(now), now, egressAuditEntry(actor, change));
        return change;
      }),
  };
}
