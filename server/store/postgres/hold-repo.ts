import type { Sql } from './sql.js';
import { readJson } from '../json-column.js';
import { newId } from '../../lib/ids.js';
import type { IntakeInput, IntakeResult, PauseState, Released } from '../ports/holds.js';
import type { RecordedCall, ResumeCall, WaitKey } from '../ports/waits.js';
import { postgresEvents } from './event-repo.js';
import { postgresJobs } from './job-repo.js';
import { startRunPostgres } from './start-run.js';

const stateOf = async (q: Sql, workflowId: string, lock = '') => (await q.one<{ state: PauseState }>(`SELECT state FROM workflow_pause WHERE workflow_id = $1 ${lock}`, [workflowId]))?.state ?? 'off';
const heldCount = async (q: Sql, workflowId: string) => (await q.one<{ n: number }>('SELECT count(*)::int AS n FROM held_events WHERE workflow_id = $1', [workflowId]))?.n ?? 0;

/**
 * Pause state, held events and resume calls on PostgreSQL; `intake`, `release` and
 * `recordCall` run inside a transaction. Intake reads the pause row FOR SHARE and a release
 * locks it FOR UPDATE before counting what is left: an event held during a release is either
 * seen by it, or waits and then finds the workflow `off` and starts its run. No event is left
 * held behind a workflow that is no longer paused.
 */
export const postgresHolds = {
  async intake(q: Sql, input: IntakeInput): Promise<IntakeResult> {
    const e = input.event;
    if ((await stateOf(q, input.workflowId, 'FOR SHARE')) === 'off') return startRunPostgres(q, { ...input, event: { kind: 'new', event: e } });
    const eventId = newId('evt', input.now);
    if (!(await postgresEvents.insert(q, { ...e, id: eventId }))) {
      const held =
        e.dedupeKey === null
          ? undefined
          : await q.one<{ id: string }>('SELECT h.event_id AS id FROM held_events h JOIN events e ON e.id = h.event_id WHERE e.workflow_id = $1 AND e.dedupe_key = $2', [e.workflowId, e.dedupeKey]);
      if (held) return { kind: 'held', eventId: held.id, duplicate: true };
      return { kind: 'duplicate', original: e.dedupeKey === null ? undefined : await postgresEvents.originalRun(q, e.workflowId, e.dedupeKey) };
    }
    await q.run('INSERT INTO held_events (workflow_id, event_id, version, concurrency, held_at) VALUES ($1, $2, $3, $4, $5)', [input.workflowId, eventId, input.version, input.concurrency, input.now]);
    return { kind: 'held', eventId, duplicate: false };
  },
  async pause(q: Sql, workflowId: string, now: number): Promise<boolean> {
    const n = await q.run(
      `INSERT INTO workflow_pause (workflow_id, state, since) SELECT id, 'paused', $2 FROM workflows WHERE id = $1
       ON CONFLICT (workflow_id) DO UPDATE SET state = 'paused', since = excluded.since`,
      [workflowId, now],
    );
    return n === 1;
  },
  async beginResume(q: Sql, workflowId: string, now: number): Promise<PauseState | undefined> {
    if (!(await q.one('SELECT 1 FROM workflows WHERE id = $1', [workflowId]))) return undefined;
    await q.run(`UPDATE workflow_pause SET state = 'resuming', since = $1 WHERE workflow_id = $2 AND state = 'paused'`, [now, workflowId]);
    return stateOf(q, workflowId);
  },
  async release(q: Sql, workflowId: string, limit: number, now: number): Promise<Released> {
    // The row lock orders releases of one workflow (arrival order, each event once) and waits for intakes in flight.
    const state = await stateOf(q, workflowId, 'FOR UPDATE');
    if (state !== 'resuming') return { started: 0, state };
    const rows = await q.rows<{ seq: string; eventId: string; version: number; concurrency: number }>(
      'SELECT seq, event_id AS "eventId", version, concurrency FROM held_events WHERE workflow_id = $1 ORDER BY seq LIMIT $2',
      [workflowId, limit],
    );
    for (const h of rows) {
      await startRunPostgres(q, { workflowId, version: h.version, concurrency: h.concurrency, now, event: { kind: 'stored', eventId: h.eventId } });
      await q.run('DELETE FROM held_events WHERE seq = $1', [h.seq]);
    }
    if ((await heldCount(q, workflowId)) > 0) return { started: rows.length, state };
    await q.run(`DELETE FROM workflow_pause WHERE workflow_id = $1 AND state = 'resuming'`, [workflowId]);
    return { started: rows.length, state: 'off' };
  },
  status: async (q: Sql, workflowId: string) => ({ state: await stateOf(q, workflowId), held: await heldCount(q, workflowId) }),
  resuming: async (q: Sql) => (await q.rows<{ id: string }>(`SELECT workflow_id AS id FROM workflow_pause WHERE state = 'resuming' ORDER BY since`)).map((r) => r.id),
  async recordCall(q: Sql, k: WaitKey, maxUses: number, payload: unknown, now: number): Promise<RecordedCall> {
    // Racing calls to one URL take turns on a lock of their own key, so the count below is exact.
    await q.run('SELECT pg_advisory_xact_lock(hashtext($1))', [`resume:${k.runId}/${k.frame}/${k.nodeId}`]);
    const uses = (await q.one<{ n: number }>('SELECT count(*)::int AS n FROM resume_calls WHERE run_id = $1 AND frame = $2 AND node_id = $3', [k.runId, k.frame, k.nodeId]))?.n ?? 0;
    if (uses >= maxUses) return { kind: 'used_up', uses };
    const last = await q.one<{ status: string }>('SELECT status FROM steps WHERE run_id = $1 AND frame = $2 AND node_id = $3 ORDER BY attempt DESC LIMIT 1', [k.runId, k.frame, k.nodeId]);
    if (uses === 0 && last && ['succeeded', 'failed', 'skipped', 'cancelled'].includes(last.status)) return { kind: 'closed' };
    await q.run('INSERT INTO resume_calls (run_id, frame, node_id, call_no, payload, received_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      k.runId,
      k.frame,
      k.nodeId,
      uses + 1,
      JSON.stringify(payload ?? null),
      now,
    ]);
    const woke = await q.run(`UPDATE steps SET next_attempt_at = $1 WHERE run_id = $2 AND frame = $3 AND node_id = $4 AND status = 'waiting' AND next_attempt_at > $1`, [
      now,
      k.runId,
      k.frame,
      k.nodeId,
    ]);
    if (woke > 0) await postgresJobs.wakeNow(q, k.runId, now);
    return { kind: 'accepted', use: uses + 1 };
  },
  async calls(q: Sql, k: WaitKey): Promise<ResumeCall[]> {
    const rows = await q.rows<{ use: number; payload: string; receivedAt: number }>(
      'SELECT call_no AS use, payload, received_at AS "receivedAt" FROM resume_calls WHERE run_id = $1 AND frame = $2 AND node_id = $3 ORDER BY call_no',
      [k.runId, k.frame, k.nodeId],
    );
    return rows.map((c) => ({ use: c.use, payload: readJson(c.payload, 'resume_calls', `${k.runId}/${k.nodeId}`), receivedAt: c.receivedAt }));
  },
};
