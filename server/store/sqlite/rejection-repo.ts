import type { InboxItem, RejectedRequest, RejectionCount } from '../ports/rejections.js';
import type { Db } from './database.js';
import { headersOf } from '../ops-rows.js';

interface InboxRow extends Omit<InboxItem, 'headers'> {
  headers: string;
}

/** Refused trigger requests: the per-minute counts (trigger_rejections) and the inbox (trigger_rejected_requests). */
export function createRejectionRepo(db: Db) {
  const select = `SELECT id, workflow_id AS workflowId, node_id AS nodeId, at, status, reason, source, method, size, headers
    FROM trigger_rejected_requests`;
  const s = {
    add: db.prepare(
      `INSERT INTO trigger_rejections (workflow_id, node_id, minute, reason, count) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (workflow_id, node_id, minute, reason) DO UPDATE SET count = count + excluded.count`,
    ),
    pruneCounts: db.prepare('DELETE FROM trigger_rejections WHERE minute < ?'),
    counts: db.prepare('SELECT workflow_id AS workflowId, node_id AS nodeId, minute, reason, count FROM trigger_rejections WHERE workflow_id = ? AND minute >= ?'),
    insert: db.prepare('INSERT INTO trigger_rejected_requests (workflow_id, node_id, at, status, reason, source, method, size, headers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    trim: db.prepare(
      `DELETE FROM trigger_rejected_requests WHERE workflow_id = ? AND node_id = ? AND id <= (
         SELECT id FROM trigger_rejected_requests WHERE workflow_id = ? AND node_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
    ),
    pruneRequests: db.prepare('DELETE FROM trigger_rejected_requests WHERE at < ?'),
    all: db.prepare(`${select} WHERE workflow_id = ? AND id < ? AND at >= ? ORDER BY id DESC LIMIT ?`),
    node: db.prepare(`${select} WHERE workflow_id = ? AND node_id = ? AND id < ? AND at >= ? ORDER BY id DESC LIMIT ?`),
  };
  return {
    /** Sums counts into their minute buckets; prunes older buckets when asked (call inside a transaction). */
    addCounts(counts: readonly RejectionCount[], pruneBeforeMinute: number | null): void {
      for (const c of counts) s.add.run(c.workflowId, c.nodeId, c.minute, c.reason.slice(0, 64), c.count);
      if (pruneBeforeMinute !== null) s.pruneCounts.run(pruneBeforeMinute);
    },
    countsSince: (workflowId: string, sinceMinute: number) => s.counts.all(workflowId, sinceMinute) as RejectionCount[],
    /** Stores refusals, trims each trigger touched to its newest `maxPerTrigger`, prunes when asked (call inside a transaction). */
    addRequests(requests: ReadonlyArray<RejectedRequest & { at: number }>, maxPerTrigger: number, pruneBefore: number | null): void {
      const touched = new Map<string, { workflowId: string; nodeId: string }>();
      for (const r of requests) {
        s.insert.run(r.workflowId, r.nodeId, r.at, r.status, r.reason.slice(0, 64), r.source, r.method.slice(0, 16), r.size, JSON.stringify(r.headers));
        touched.set(`${r.workflowId}\u0000${r.nodeId}`, r);
      }
      for (const t of touched.values()) s.trim.run(t.workflowId, t.nodeId, t.workflowId, t.nodeId, maxPerTrigger);
      if (pruneBefore !== null) s.pruneRequests.run(pruneBefore);
    },
    listRequests(workflowId: string, q: { nodeId?: string; beforeId: number; since: number; limit: number }): InboxItem[] {
      const rows = (q.nodeId === undefined ? s.all.all(workflowId, q.beforeId, q.since, q.limit) : s.node.all(workflowId, q.nodeId, q.beforeId, q.since, q.limit)) as InboxRow[];
      return rows.map((r) => ({ ...r, headers: headersOf(r.headers) }));
    },
  };
}
export type RejectionRepo = ReturnType<typeof createRejectionRepo>;
