import type { Db } from '../store/sqlite/database.js';
import type { Clock } from '../lib/clock.js';
import type { InboxItem, RejectionInbox } from './rejection-inbox.js';

/** One page of the inbox, newest first; pass `nextCursor` back as `cursor` for the next page. */
export interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
}

export interface InboxQuery {
  nodeId?: string;
  /** An opaque cursor from a previous page. */
  cursor?: string;
  limit: number;
}

interface Row {
  id: number;
  nodeId: string;
  workflowId: string;
  at: number;
  status: number;
  reason: string;
  source: string | null;
  method: string;
  size: number | null;
  headers: string;
}

const DAY = 24 * 3600_000;

/** Parses a cursor (the id of the last item seen); undefined when it is not one. */
export function parseCursor(cursor: string): number | undefined {
  return /^\d{1,15}$/.test(cursor) ? Number(cursor) : undefined;
}

/** A stored header map, or {} when the row holds something else (a corrupt row must not break the list). */
function headersOf(text: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/** Reads the inbox of a workflow's triggers: refusals of the last day, newest first, by cursor. */
export function createRejectionList(deps: { db: Db; clock: Clock; inbox: Pick<RejectionInbox, 'flush'> }) {
  const select = `SELECT id, workflow_id AS workflowId, node_id AS nodeId, at, status, reason, source, method, size, headers
    FROM trigger_rejected_requests`;
  const s = {
    all: deps.db.prepare(`${select} WHERE workflow_id = ? AND id < ? AND at >= ? ORDER BY id DESC LIMIT ?`),
    node: deps.db.prepare(`${select} WHERE workflow_id = ? AND node_id = ? AND id < ? AND at >= ? ORDER BY id DESC LIMIT ?`),
  };
  return {
    /** A page of refusals; the caller has checked `cursor` with `parseCursor`. */
    page(workflowId: string, q: InboxQuery): InboxPage {
      try {
        deps.inbox.flush();
      } catch {
        // Reading what is stored is still worth it; the pending rows follow on the next write.
      }
      const before = q.cursor === undefined ? Number.MAX_SAFE_INTEGER : (parseCursor(q.cursor) ?? 0);
      const since = deps.clock.now() - DAY;
      const rows = (q.nodeId === undefined ? s.all.all(workflowId, before, since, q.limit + 1) : s.node.all(workflowId, q.nodeId, before, since, q.limit + 1)) as Row[];
      const items = rows.slice(0, q.limit).map((r) => ({ ...r, headers: headersOf(r.headers) }));
      const last = items.at(-1);
      return { items, nextCursor: rows.length > q.limit && last ? String(last.id) : null };
    },
  };
}
export type RejectionList = ReturnType<typeof createRejectionList>;
