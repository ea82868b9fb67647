import { z } from 'zod';
import type { Db } from '../db/database.js';
import { readJsonAs } from '../db/json-column.js';
import type { Clock } from '../lib/clock.js';
import type { Actor, AuditInput } from '../services/audit-service.js';
import type { CommitQueue } from './commit-queue.js';

/** The allow-list entries saved in Settings: what changed, for the caller and the audit log. */
export interface EgressChange {
  before: string[];
  after: string[];
}

/**
 * Where the owner's egress allow-list lives (the part on top of EGRESS_ALLOW). A port: callers
 * see two named operations, never SQL; a PostgreSQL version implements the same two.
 */
export interface EgressSettingsStore {
  /** The stored entries, in the order they were saved; empty when never set. */
  getEgressAllow(): Promise<string[]>;
  /** Replaces the stored entries and records the change in the audit log, in one transaction. */
  setEgressAllow(entries: readonly string[], actor: Actor): Promise<EgressChange>;
}

const KEY = 'egress.allow';
const entriesSchema = z.array(z.string());

/** The audit entry of one change: the lists before and after, and what was added and removed. */
export function egressAuditEntry(actor: Actor, change: EgressChange): AuditInput {
  return {
    actor,
    action: 'settings.egress_update',
    target: { type: 'settings', id: 'egress', name: 'Egress allow-list' },
    before: { entries: change.before },
    after: { entries: change.after },
    changes: { added: change.after.filter((e) => !change.before.includes(e)), removed: change.before.filter((e) => !change.after.includes(e)) },
  };
}

/** The SQLite implementation over the `settings` table (migration 011); writes go through the commit queue. */
export function createSqliteEgressSettingsStore(d: { db: Db; commits: CommitQueue; clock: Clock; recordAudit: (entry: AuditInput) => void }): EgressSettingsStore {
  const select = d.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const upsert = d.db.prepare<[string, string, number, string]>(
    'INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
  );
  const read = (): string[] => {
    const row = select.get(KEY);
    return row ? readJsonAs(entriesSchema, row.value, 'settings', KEY) : [];
  };
  return {
    getEgressAllow: async () => read(),
    setEgressAllow: (entries, actor) =>
      d.commits.run(() => {
        const change = { before: read(), after: [...entries] };
        upsert.run(KEY, JSON.stringify(change.after), d.clock.now(), actor.name);
        d.recordAudit(egressAuditEntry(actor, change));
        return change;
      }),
  };
}
