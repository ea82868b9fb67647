import type { Sql } from './sql.js';
import type { ExpiryLimits, SweptBatch } from '../ports/retention.js';
import { PREVIEW_CHARS, TRUNCATED_FIELDS, truncatedPayload } from '../truncated-payload.js';

/** A finished run chosen for deletion, with the event it points at. */
interface ExpiredRun {
  id: string;
  eventId: string;
}

// One test for every field (instead of a probe per field); octet_length is the UTF-8 size of the
// text, as SQLite's on its text. `$2` is the cap.
const overCap = (field: string) => `octet_length(${field}) > $2`;
const OVERSIZED = TRUNCATED_FIELDS.map(overCap).join(' OR ');

/**
 * The statements of the retention sweeper. Deleting a run deletes its steps and its job
 * (foreign keys cascade); its event is deleted only once no run (a replay, say) refers to it.
 */
export const postgresRetention = {
  /** Every workflow id that has runs (deleted workflows included), hopping through runs_workflow_created: one index seek each. */
  workflowIds: async (q: Sql) =>
    (
      await q.rows<{ id: string }>(
        `WITH RECURSIVE w(id) AS (
           SELECT (SELECT min(workflow_id) FROM runs)
           UNION ALL
           SELECT (SELECT min(workflow_id) FROM runs WHERE workflow_id > w.id) FROM w WHERE w.id IS NOT NULL)
         SELECT id FROM w WHERE id IS NOT NULL`,
      )
    ).map((r) => r.id),
  /** One batch of the sweep: selects by either limit (up to `limit` each) and deletes what it selected; run it in one transaction. */
  async deleteExpired(q: Sql, workflowId: string, statuses: readonly string[], limits: ExpiryLimits, limit: number): Promise<SweptBatch> {
    const expired = [
      ...(limits.finishedBefore === null
        ? []
        : // created_at bounds the index range; finished_at (never earlier) decides.
          await q.rows<ExpiredRun>(`SELECT id, event_id AS "eventId" FROM runs WHERE workflow_id = $1 AND created_at < $2 AND finished_at < $2 AND status = ANY($3) LIMIT $4`, [
            workflowId,
            limits.finishedBefore,
            statuses,
            limit,
          ])),
      ...(limits.keep === null
        ? []
        : await q.rows<ExpiredRun>(`SELECT id, event_id AS "eventId" FROM runs WHERE workflow_id = $1 AND status = ANY($2) ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`, [
            workflowId,
            statuses,
            limit,
            limits.keep,
          ])),
    ];
    if (expired.length === 0) return { found: 0, runs: 0, events: 0 };
    // Never an unfinished run, whatever the statuses asked for.
    const runs = await q.run(`DELETE FROM runs WHERE id = ANY($1) AND status IN ('succeeded', 'failed', 'cancelled')`, [[...new Set(expired.map((r) => r.id))]]);
    const events = await q.run('DELETE FROM events e WHERE e.id = ANY($1) AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.event_id = e.id)', [[...new Set(expired.map((r) => r.eventId))]]);
    return { found: expired.length, runs, events };
  },
  /** Whether a step field of the run is over `max` bytes (a single statement, for the usual answer: no). */
  hasOversizedSteps: async (q: Sql, runId: string, max: number) => (await q.rows(`SELECT 1 FROM steps WHERE run_id = $1 AND (${OVERSIZED}) LIMIT 1`, [runId, max])).length > 0,
  /** Replaces a finished run's step fields whose JSON is over `max` bytes with a truncation marker; run it in one transaction. */
  async truncateStepPayloads(q: Sql, runId: string, max: number): Promise<number> {
    if (max <= 0) return 0;
    const previewChars = Math.min(PREVIEW_CHARS, Math.floor(max / 2));
    let replaced = 0;
    const over = TRUNCATED_FIELDS.map(overCap);
    const rows = await q.rows<{ frame: string; nodeId: string; attempt: number } & Partial<Record<(typeof TRUNCATED_FIELDS)[number], string>>>(
      `SELECT frame, node_id AS "nodeId", attempt, ${TRUNCATED_FIELDS.map((f, i) => `CASE WHEN ${over[i]} THEN ${f} END AS ${f}`).join(', ')}
       FROM steps WHERE run_id = $1 AND (${OVERSIZED}) FOR UPDATE`,
      [runId, max],
    );
    for (const r of rows) {
      for (const f of TRUNCATED_FIELDS) {
        const value = r[f];
        if (value === null || value === undefined) continue;
        const marker = JSON.stringify(truncatedPayload(value, previewChars));
        replaced += await q.run(`UPDATE steps SET ${f} = $1 WHERE run_id = $2 AND frame = $3 AND node_id = $4 AND attempt = $5`, [marker, runId, r.frame, r.nodeId, r.attempt]);
      }
    }
    return replaced;
  },
};
