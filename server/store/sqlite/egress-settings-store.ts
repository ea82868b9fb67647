import { z } from 'zod';
import type { Db } from './database.js';
import { readJsonAs } from './json-column.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditInput } from '../../services/audit-service.js';
import type { CommitQueue } from './commit-queue.js';
import { egressAuditEntry, type EgressSettingsStore } from '../ports/settings.js';

const KEY = 'egress.allow';
const entriesSchema = z.array(z.string());

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
