import type { Sql } from './sql.js';
import { readJson } from '../json-column.js';
import type { StoredEvent } from '../../engine/records.js';

/** As stored: query and headers are JSON text. */
export type RawEvent = Omit<StoredEvent, 'query' | 'headers'> & { query: string; headers: string };

const cols = `id, workflow_id AS "workflowId", node_id AS "nodeId", dedupe_key AS "dedupeKey", method, path, query, headers, body, received_at AS "receivedAt"`;

/** Events: append-only, unique per workflow on their dedupe key; the body is BYTEA, byte-exact. */
export const postgresEvents = {
  /**
   * Inserts the event; false when its dedupe key was seen before for this workflow. A racing
   * insert of the same key waits for the first one's transaction and then inserts nothing.
   */
  async insert(q: Sql, e: StoredEvent): Promise<boolean> {
    const n = await q.run(
      `INSERT INTO events (id, workflow_id, node_id, dedupe_key, method, path, query, headers, body, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
      [e.id, e.workflowId, e.nodeId, e.dedupeKey, e.method, e.path, JSON.stringify(e.query), JSON.stringify(e.headers), e.body, e.receivedAt],
    );
    return n === 1;
  },
  /** The first run started by the event with this dedupe key. */
  originalRun: (q: Sql, workflowId: string, dedupeKey: string) =>
    q.one<{ eventId: string; runId: string }>(
      `SELECT e.id AS "eventId", r.id AS "runId" FROM events e JOIN runs r ON r.event_id = e.id
       WHERE e.workflow_id = $1 AND e.dedupe_key = $2 ORDER BY r.created_at, r.id LIMIT 1`,
      [workflowId, dedupeKey],
    ),
  latestId: async (q: Sql, workflowId: string, nodeId: string) =>
    (await q.one<{ id: string }>('SELECT id FROM events WHERE workflow_id = $1 AND node_id = $2 ORDER BY received_at DESC, id DESC LIMIT 1', [workflowId, nodeId]))?.id,
  async get(q: Sql, id: string): Promise<StoredEvent | undefined> {
    const r = await q.one<RawEvent>(`SELECT ${cols} FROM events WHERE id = $1`, [id]);
    return r && toEvent(r);
  },
};

/** An event as stored (query and headers as JSON text) as the engine sees it. */
export const toEvent = (r: RawEvent): StoredEvent => ({
  ...r,
  query: (readJson(r.query, 'events', r.id) ?? {}) as StoredEvent['query'],
  headers: (readJson(r.headers, 'events', r.id) ?? {}) as StoredEvent['headers'],
});
