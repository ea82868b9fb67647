import type { Sql } from './sql.js';
import type { DisabledEndpoint } from '../ports/endpoints.js';
import { endpointSchema, parseRow } from '../ops-rows.js';

const columns = `id, origin, disabled_at AS "disabledAt", disabled_reason AS "disabledReason", updated_at AS "updatedAt"`;

/** Endpoint state that must outlive a restart: today, only "disabled by 410 until re-enabled". */
export const postgresEndpoints = {
  /** Every endpoint disabled now, by origin compared bytewise (as SQLite's BINARY). */
  async listDisabled(q: Sql): Promise<DisabledEndpoint[]> {
    const rows = await q.rows(`SELECT ${columns} FROM endpoints WHERE disabled_at IS NOT NULL ORDER BY origin COLLATE "C"`);
    return rows.map((r) => parseRow('endpoints', endpointSchema, r)).flatMap((e) => (e.disabledAt === null ? [] : [{ ...e, disabledAt: e.disabledAt }]));
  },
  /** Marks an endpoint disabled, creating its row; a second call overwrites time and reason. */
  async disable(q: Sql, e: { id: string; origin: string; at: number; reason: string }): Promise<void> {
    await q.run(
      `INSERT INTO endpoints (id, origin, disabled_at, disabled_reason, updated_at) VALUES ($1, $2, $3, $4, $3)
       ON CONFLICT (origin) DO UPDATE SET disabled_at = excluded.disabled_at, disabled_reason = excluded.disabled_reason, updated_at = excluded.updated_at`,
      [e.id, e.origin, e.at, e.reason],
    );
  },
  /** Clears the disabled mark; false when no such endpoint is stored. */
  enable: async (q: Sql, id: string, at: number) => (await q.run('UPDATE endpoints SET disabled_at = NULL, disabled_reason = NULL, updated_at = $1 WHERE id = $2', [at, id])) > 0,
};
