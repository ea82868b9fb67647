import type { Store } from '../store/ports/store.js';
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

const DAY = 24 * 3600_000;

/** Parses a cursor (the id of the last item seen); undefined when it is not one. */
export function parseCursor(cursor: string): number | undefined {
  return /^\d{1,15}$/.test(cursor) ? Number(cursor) : undefined;
}

/** Reads the inbox of a workflow's triggers: refusals of the last day, newest first, by cursor. */
export function createRejectionList(deps: { store: Pick<Store, 'rejections'>; clock: Clock; inbox: Pick<RejectionInbox, 'flush'> }) {
  return {
    /** A page of refusals; the caller has checked `cursor` with `parseCursor`. */
    async page(workflowId: string, q: InboxQuery): Promise<InboxPage> {
      try {
        await deps.inbox.flush();
      } catch {
        // Reading what is stored is still worth it; the pending rows follow on the next write.
      }
      const beforeId = q.cursor === undefined ? Number.MAX_SAFE_INTEGER : (parseCursor(q.cursor) ?? 0);
      const since = deps.clock.now() - DAY;
      const rows = await deps.store.rejections.listRequests(workflowId, { ...(q.nodeId === undefined ? {} : { nodeId: q.nodeId }), beforeId, since, limit: q.limit + 1 });
      const items = rows.slice(0, q.limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > q.limit && last ? String(last.id) : null };
    },
  };
}
export type RejectionList = ReturnType<typeof createRejectionList>;
