import type { Sql } from './sql.js';
import type { InboxItem, RejectedRequest, RejectionCount } from '../ports/rejections.js';
import { headersOf } from '../ops-rows.js';

// The namespace of the per-trigger inbox locks (pg_advisory_xact_lock(namespace, hash)).
const INBOX_LOCK = 0x5359_4942; // 'SYIB'

const select = `SELECT id, workflow_id AS "workflowId", node_id AS "nodeId", at, status, reason, source, method, size, headers FROM trigger_rejected_requests`;

/**
 * Refused trigger requests: the per-minute counts (trigger_rejections) and the inbox
 * (trigger_rejected_requests). Each batch is a few set-based statements over arrays, whatever
 * its size; the port's atomic operations run them in one transaction (`unit`).
 */
export const postgresRejections = {
  /**
   * Sums counts into their minute buckets (a batch may name one bucket twice), then prunes when
   * asked. Buckets are upserted in key order, so two processes flushing the same buckets at once
   * wait for each other instead of deadlocking.
   */
  async addCounts(q: Sql, counts: readonly RejectionCount[], pruneBeforeMinute: number | null): Promise<void> {
    if (counts.length > 0) {
      await q.run(
        `INSERT INTO trigger_rejections (workflow_id, node_id, minute, reason, count)
         SELECT w, n, m, r, sum(c)::int FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::int[]) AS t(w, n, m, r, c) GROUP BY w, n, m, r ORDER BY w, n, m, r
         ON CONFLICT (workflow_id, node_id, minute, reason) DO UPDATE SET count = trigger_rejections.count + excluded.count`,
        [counts.map((c) => c.workflowId), counts.map((c) => c.nodeId), counts.map((c) => c.minute), counts.map((c) => c.reason.slice(0, 64)), counts.map((c) => c.count)],
      );
    }
    if (pruneBeforeMinute !== null) await q.run('DELETE FROM trigger_rejections WHERE minute < $1', [pruneBeforeMinute]);
  },
  countsSince: (q: Sql, workflowId: string, sinceMinute: number) =>
    q.rows<RejectionCount>(`SELECT workflow_id AS "workflowId", node_id AS "nodeId", minute, reason, count FROM trigger_rejections WHERE workflow_id = $1 AND minute >= $2`, [workflowId, sinceMinute]),
  /** Stores refusals in their order (ids ascend with it), trims each trigger touched to its newest `maxPerTrigger`, prunes when asked; run it in one transaction. */
  async addRequests(q: Sql, requests: ReadonlyArray<RejectedRequest & { at: number }>, maxPerTrigger: number, pruneBefore: number | null): Promise<void> {
    if (requests.length > 0) {
      const col = <T>(f: (r: RejectedRequest & { at: number }) => T) => requests.map(f);
      // One writer per trigger at a time, across processes: without it two batches would each
      // trim by what they see and together leave more than `maxPerTrigger`. Taken in hash
      // order (the subquery's ORDER BY, kept by OFFSET 0), so two batches never deadlock.
      await q.run(`SELECT pg_advisory_xact_lock($1, h) FROM (SELECT DISTINCT hashtext(w || chr(1) || n) AS h FROM unnest($2::text[], $3::text[]) AS t(w, n) ORDER BY h OFFSET 0) s`, [
        INBOX_LOCK,
        col((r) => r.workflowId),
        col((r) => r.nodeId),
      ]);
      await q.run(
        `INSERT INTO trigger_rejected_requests (workflow_id, node_id, at, status, reason, source, method, size, headers)
         SELECT w, n, a, s, r, src, m, sz, h FROM unnest($1::text[], $2::text[], $3::bigint[], $4::int[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[])
           WITH ORDINALITY AS t(w, n, a, s, r, src, m, sz, h, i) ORDER BY i`,
        [
          col((r) => r.workflowId),
          col((r) => r.nodeId),
          col((r) => r.at),
          col((r) => r.status),
          col((r) => r.reason.slice(0, 64)),
          col((r) => r.source),
          col((r) => r.method.slice(0, 16)),
          col((r) => r.size),
          col((r) => JSON.stringify(r.headers)),
        ],
      );
      // Per trigger touched: everything at or below its (maxPerTrigger + 1)-th newest id goes.
      await q.run(
        `DELETE FROM trigger_rejected_requests d USING (SELECT DISTINCT w, n FROM unnest($1::text[], $2::text[]) AS t(w, n)) t
         WHERE d.workflow_id = t.w AND d.node_id = t.n AND d.id <= (
           SELECT id FROM trigger_rejected_requests x WHERE x.workflow_id = t.w AND x.node_id = t.n ORDER BY id DESC LIMIT 1 OFFSET $3)`,
        [col((r) => r.workflowId), col((r) => r.nodeId), maxPerTrigger],
      );
    }
    if (pruneBefore !== null) await q.run('DELETE FROM trigger_rejected_requests WHERE at < $1', [pruneBefore]);
  },
  /** A workflow's refusals (one trigger's, with `nodeId`) below `beforeId` and from `since` on, newest first. */
  async listRequests(q: Sql, workflowId: string, f: { nodeId?: string; beforeId: number; since: number; limit: number }): Promise<InboxItem[]> {
    const rows = await q.rows<Omit<InboxItem, 'headers'> & { headers: string }>(
      `${select} WHERE workflow_id = $1 AND ($2::text IS NULL OR node_id = $2) AND id < $3 AND at >= $4 ORDER BY id DESC LIMIT $5`,
      [workflowId, f.nodeId ?? null, f.beforeId, f.since, f.limit],
    );
    return rows.map((r) => ({ ...r, headers: headersOf(r.headers) }));
  },
};
