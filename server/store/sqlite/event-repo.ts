import type { Db } from './database.js';
import { readJson } from './json-column.js';
import type { StoredEvent } from '../../engine/records.js';

interface RawEvent {
  id: string;
  workflow_id: string;
  node_id: string;
  dedupe_key: string | null;
  method: string;
  path: string;
  query: string;
  headers: string;
  body: Buffer;
  received_at: number;
}

/** Events: append-only, unique per workflow on their dedupe key. */
export function createEventRepo(db: Db) {
  const s = {
    insert: db.prepare(
      `INSERT INTO events (id, workflow_id, node_id, dedupe_key, method, path, query, headers, body, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    get: db.prepare('SELECT * FROM events WHERE id = ?'),
    latest: db.prepare('SELECT id FROM events WHERE workflow_id = ? AND node_id = ? ORDER BY received_at DESC, id DESC LIMIT 1'),
    firstRunOf: db.prepare(
      `SELECT e.id AS eventId, r.id AS runId FROM events e JOIN runs r ON r.event_id = e.id
       WHERE e.workflow_id = ? AND e.dedupe_key = ? ORDER BY r.created_at, r.id LIMIT 1`,
    ),
  };
  return {
    /** Inserts the event; false when its dedupe key was seen before for this workflow. */
    insert(e: StoredEvent): boolean {
      const info = s.insert.run(e.id, e.workflowId, e.nodeId, e.dedupeKey, e.method, e.path, JSON.stringify(e.query), JSON.stringify(e.headers), e.body, e.receivedAt);
      return info.changes === 1;
    },
    /** The first run started by the event with this dedupe key. */
    originalRun(workflowId: string, dedupeKey: string): { eventId: string; runId: string } | undefined {
      return s.firstRunOf.get(workflowId, dedupeKey) as { eventId: string; runId: string } | undefined;
    },
    /** The newest event a trigger received. */
    latestId: (workflowId: string, nodeId: string) => (s.latest.get(workflowId, nodeId) as { id: string } | undefined)?.id,
    get(id: string): StoredEvent | undefined {
      const r = s.get.get(id) as RawEvent | undefined;
      if (!r) return undefined;
      return {
        id: r.id,
        workflowId: r.workflow_id,
        nodeId: r.node_id,
        dedupeKey: r.dedupe_key,
        method: r.method,
        path: r.path,
        query: (readJson(r.query, 'events', r.id) ?? {}) as StoredEvent['query'],
        headers: (readJson(r.headers, 'events', r.id) ?? {}) as StoredEvent['headers'],
        body: r.body,
        receivedAt: r.received_at,
      };
    },
  };
}
export type EventRepo = ReturnType<typeof createEventRepo>;
