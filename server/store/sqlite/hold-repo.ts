import type { Db } from './database.js';
import { readJson } from './json-column.js';
import type { IntakeInput, IntakeResult, PauseState, Released } from '../ports/holds.js';
import type { RecordedCall, ResumeCall, WaitKey } from '../ports/waits.js';
import { newId } from '../../lib/ids.js';
import { startRunIn } from './start-run.js';
import type { EventRepo } from './event-repo.js';
import type { JobRepo } from './job-repo.js';
import type { RunRepo } from './run-repo.js';
import type { StepRepo } from './step-repo.js';

/** Step states a first call can no longer change. */
const ENDED = new Set(['succeeded', 'failed', 'skipped', 'cancelled']);

type RunRepos = { events: EventRepo; runs: RunRepo; steps: StepRepo; jobs: JobRepo };

/** Pause state, held events and resume calls. Synchronous: each exported operation runs inside the caller's transaction. */
export function createHoldRepo(db: Db, r: RunRepos) {
  const s = {
    state: db.prepare('SELECT state FROM workflow_pause WHERE workflow_id = ?'),
    exists: db.prepare('SELECT 1 FROM workflows WHERE id = ?'),
    pause: db.prepare(
      `INSERT INTO workflow_pause (workflow_id, state, since) VALUES (?, 'paused', ?)
       ON CONFLICT (workflow_id) DO UPDATE SET state = 'paused', since = excluded.since`,
    ),
    resume: db.prepare(`UPDATE workflow_pause SET state = 'resuming', since = ? WHERE workflow_id = ? AND state = 'paused'`),
    unpause: db.prepare(`DELETE FROM workflow_pause WHERE workflow_id = ? AND state = 'resuming'`),
    resuming: db.prepare(`SELECT workflow_id AS id FROM workflow_pause WHERE state = 'resuming' ORDER BY since`),
    hold: db.prepare('INSERT INTO held_events (workflow_id, event_id, version, concurrency, held_at) VALUES (?, ?, ?, ?, ?)'),
    heldByKey: db.prepare('SELECT h.event_id AS id FROM held_events h JOIN events e ON e.id = h.event_id WHERE e.workflow_id = ? AND e.dedupe_key = ?'),
    oldest: db.prepare('SELECT seq, event_id AS eventId, version, concurrency FROM held_events WHERE workflow_id = ? ORDER BY seq LIMIT ?'),
    drop: db.prepare('DELETE FROM held_events WHERE seq = ?'),
    count: db.prepare('SELECT count(*) AS n FROM held_events WHERE workflow_id = ?'),
    uses: db.prepare('SELECT count(*) AS n FROM resume_calls WHERE run_id = ? AND frame = ? AND node_id = ?'),
    addCall: db.prepare('INSERT INTO resume_calls (run_id, frame, node_id, call_no, payload, received_at) VALUES (?, ?, ?, ?, ?, ?)'),
    calls: db.prepare('SELECT call_no AS use, payload, received_at AS receivedAt FROM resume_calls WHERE run_id = ? AND frame = ? AND node_id = ? ORDER BY call_no'),
    lastStatus: db.prepare('SELECT status FROM steps WHERE run_id = ? AND frame = ? AND node_id = ? ORDER BY attempt DESC LIMIT 1'),
    wakeStep: db.prepare(`UPDATE steps SET next_attempt_at = ? WHERE run_id = ? AND frame = ? AND node_id = ? AND status = 'waiting' AND next_attempt_at > ?`),
  };
  const stateOf = (workflowId: string): PauseState => (s.state.get(workflowId) as { state: PauseState } | undefined)?.state ?? 'off';

  return {
    intake(input: IntakeInput): IntakeResult {
      const e = input.event;
      if (stateOf(input.workflowId) === 'off') return startRunIn(r, { ...input, event: { kind: 'new', event: e } });
      const eventId = newId('evt', input.now);
      if (!r.events.insert({ ...e, id: eventId })) {
        // A repeat of a held event answers with it; a repeat of one that ran names its run.
        const held = e.dedupeKey === null ? undefined : (s.heldByKey.get(e.workflowId, e.dedupeKey) as { id: string } | undefined);
        if (held) return { kind: 'held', eventId: held.id, duplicate: true };
        return { kind: 'duplicate', original: e.dedupeKey === null ? undefined : r.events.originalRun(e.workflowId, e.dedupeKey) };
      }
      s.hold.run(input.workflowId, eventId, input.version, input.concurrency, input.now);
      return { kind: 'held', eventId, duplicate: false };
    },
    pause: (workflowId: string, now: number): boolean => s.exists.get(workflowId) !== undefined && s.pause.run(workflowId, now).changes === 1,
    beginResume(workflowId: string, now: number): PauseState | undefined {
      if (s.exists.get(workflowId) === undefined) return undefined;
      s.resume.run(now, workflowId);
      return stateOf(workflowId);
    },
    release(workflowId: string, limit: number, now: number): Released {
      const state = stateOf(workflowId);
      if (state !== 'resuming') return { started: 0, state };
      const rows = s.oldest.all(workflowId, limit) as Array<{ seq: number; eventId: string; version: number; concurrency: number }>;
      for (const h of rows) {
        startRunIn(r, { workflowId, version: h.version, concurrency: h.concurrency, now, event: { kind: 'stored', eventId: h.eventId } });
        s.drop.run(h.seq);
      }
      if ((s.count.get(workflowId) as { n: number }).n > 0) return { started: rows.length, state };
      s.unpause.run(workflowId);
      return { started: rows.length, state: 'off' };
    },
    status: (workflowId: string) => ({ state: stateOf(workflowId), held: (s.count.get(workflowId) as { n: number }).n }),
    resuming: () => (s.resuming.all() as Array<{ id: string }>).map((w) => w.id),
    recordCall(k: WaitKey, maxUses: number, payload: unknown, now: number): RecordedCall {
      const uses = (s.uses.get(k.runId, k.frame, k.nodeId) as { n: number }).n;
      if (uses >= maxUses) return { kind: 'used_up', uses };
      const last = (s.lastStatus.get(k.runId, k.frame, k.nodeId) as { status: string } | undefined)?.status;
      if (uses === 0 && last !== undefined && ENDED.has(last)) return { kind: 'closed' };
      s.addCall.run(k.runId, k.frame, k.nodeId, uses + 1, JSON.stringify(payload ?? null), now);
      if (s.wakeStep.run(now, k.runId, k.frame, k.nodeId, now).changes > 0) r.jobs.wakeNow(k.runId, now);
      return { kind: 'accepted', use: uses + 1 };
    },
    calls: (k: WaitKey): ResumeCall[] =>
      (s.calls.all(k.runId, k.frame, k.nodeId) as Array<{ use: number; payload: string; receivedAt: number }>).map((c) => ({
        use: c.use,
        payload: readJson(c.payload, 'resume_calls', `${k.runId}/${k.nodeId}`),
        receivedAt: c.receivedAt,
      })),
  };
}
export type HoldRepo = ReturnType<typeof createHoldRepo>;
