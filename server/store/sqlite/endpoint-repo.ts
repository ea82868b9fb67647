import type { Db } from './database.js';
import { endpointSchema, parseRow, type EndpointRow } from '../ops-rows.js';

export type { EndpointRow } from '../ops-rows.js';

const columns = 'id, origin, disabled_at AS disabledAt, disabled_reason AS disabledReason, updated_at AS updatedAt';

const parse = (raw: unknown): EndpointRow => parseRow('endpoints', endpointSchema, raw);

/** Endpoint state that must outlive a restart: today, only "disabled by 410 until re-enabled". */
export function createEndpointRepo(db: Db) {
  const s = {
    disabled: db.prepare(`SELECT ${columns} FROM endpoints WHERE disabled_at IS NOT NULL ORDER BY origin`),
    disable: db.prepare(
      `INSERT INTO endpoints (id, origin, disabled_at, disabled_reason, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (origin) DO UPDATE SET disabled_at = excluded.disabled_at, disabled_reason = excluded.disabled_reason, updated_at = excluded.updated_at`,
    ),
    enable: db.prepare('UPDATE endpoints SET disabled_at = NULL, disabled_reason = NULL, updated_at = ? WHERE id = ?'),
  };
  return {
    /** Every endpoint that is disabled now. */
    listDisabled: (): EndpointRow[] => s.disabled.all().map(parse),
    /** Marks an endpoint disabled (creating its row). */
    disable(e: { id: string; origin: string; at: number; reason: string }): void {
      s.disable.run(e.id, e.origin, e.at, e.reason, e.at);
    },
    /** Clears the disabled mark; false when no such endpoint is stored. */
    enable: (id: string, at: number): boolean => s.enable.run(at, id).changes > 0,
  };
}
export type EndpointRepo = ReturnType<typeof createEndpointRepo>;
