import type { Clock } from '../lib/clock.js';
import type { CommitQueue } from '../store/sqlite/commit-queue.js';
import type { EventRepo } from '../store/sqlite/event-repo.js';
import type { JobRepo } from '../store/sqlite/job-repo.js';
import type { RunRepo } from '../store/sqlite/run-repo.js';
import type { WorkflowRepo } from '../store/sqlite/workflow-repo.js';
import { newId } from '../lib/ids.js';
import type { ScheduleState, ScheduleStateRepo } from './schedule-state-repo.js';

/** One tick of one schedule trigger, ready to become a run. */
export interface TickToFire {
  workflowId: string;
  nodeId: string;
  /** The `specKey` the tick was computed from; stored with the cursor. */
  spec: string;
  tick: number;
  payload: Record<string, unknown> | undefined;
  concurrency: number;
}

export type FireOutcome =
  | { kind: 'fired'; runId: string; state: ScheduleState }
  | { kind: 'duplicate'; runId: string | null; state: ScheduleState }
  | { kind: 'inactive' };

/** The dedupe key of a tick: the events table's unique index makes a second run for it impossible. */
export const tickDedupeKey = (workflowId: string, nodeId: string, tick: number): string => `schedule:${workflowId}:${nodeId}:${new Date(tick).toISOString()}`;

/** `trigger.body` of a scheduled run: the payload, plus when the tick was due and when it fired (ISO; these win over payload keys). */
export const scheduledBody = (payload: Record<string, unknown> | undefined, tick: number, firedAt: number) => ({
  ...payload,
  scheduledAt: new Date(tick).toISOString(),
  firedAt: new Date(firedAt).toISOString(),
});

export interface FireTickDeps {
  commits: CommitQueue;
  workflows: WorkflowRepo;
  events: EventRepo;
  runs: RunRepo;
  jobs: JobRepo;
  state: ScheduleStateRepo;
  clock: Clock;
}

/**
 * Fires a tick: its event, run and job, and the trigger's cursor, in one transaction of the
 * commit queue. The workflow's activity is checked inside that transaction, so nothing fires
 * after a deactivation has committed; a tick fired before (a crash between the run and some
 * later bookkeeping) resolves to its original run through the dedupe key.
 */
export function createFireTick(d: FireTickDeps) {
  return (t: TickToFire): Promise<FireOutcome> => {
    const firedAt = d.clock.now();
    const eventId = newId('evt', firedAt);
    const runId = newId('run', firedAt);
    const body = Buffer.from(JSON.stringify(scheduledBody(t.payload, t.tick, firedAt)));
    const dedupeKey = tickDedupeKey(t.workflowId, t.nodeId, t.tick);
    return d.commits.run((): FireOutcome => {
      const wf = d.workflows.get(t.workflowId);
      if (!wf?.active) return { kind: 'inactive' };
      const inserted = d.events.insert({
        id: eventId,
        workflowId: t.workflowId,
        nodeId: t.nodeId,
        dedupeKey,
        method: 'SCHEDULE',
        path: '/schedule',
        query: {},
        headers: { 'content-type': 'application/json' },
        body,
        receivedAt: firedAt,
      });
      const ran = inserted ? runId : (d.events.originalRun(t.workflowId, dedupeKey)?.runId ?? null);
      if (inserted) {
        d.runs.insert({ id: runId, workflowId: t.workflowId, version: wf.currentVersion, eventId, replayOf: null, createdAt: firedAt });
        d.jobs.insert(runId, t.workflowId, firedAt, t.concurrency, firedAt);
      }
      const state: ScheduleState = { workflowId: t.workflowId, nodeId: t.nodeId, spec: t.spec, cursor: t.tick, lastTick: t.tick, lastRunId: ran, updatedAt: firedAt };
      d.state.upsert(state);
      return inserted ? { kind: 'fired', runId, state } : { kind: 'duplicate', runId: ran, state };
    });
  };
}
export type FireTick = ReturnType<typeof createFireTick>;
