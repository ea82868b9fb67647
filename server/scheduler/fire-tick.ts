import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/ports/store.js';
import type { ScheduleState } from '../store/ports/schedules.js';

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
  | { kind: 'inactive' }
  /** The workflow is paused: the tick is passed over (its cursor moves on), never held or fired later. */
  | { kind: 'paused'; state: ScheduleState };

/** The dedupe key of a tick: the events table's unique index makes a second run for it impossible. */
export const tickDedupeKey = (workflowId: string, nodeId: string, tick: number): string => `schedule:${workflowId}:${nodeId}:${new Date(tick).toISOString()}`;

/** `trigger.body` of a scheduled run: the payload, plus when the tick was due and when it fired (ISO; these win over payload keys). */
export const scheduledBody = (payload: Record<string, unknown> | undefined, tick: number, firedAt: number) => ({
  ...payload,
  scheduledAt: new Date(tick).toISOString(),
  firedAt: new Date(firedAt).toISOString(),
});

export interface FireTickDeps {
  store: Pick<Store, 'write'>;
  clock: Clock;
}

/**
 * Fires a tick: its run (through `startRun`) and the trigger's cursor, in one unit of work. The
 * workflow's activity is checked inside that unit, so nothing fires after a deactivation has
 * committed; a tick fired before (a crash between the run and some later bookkeeping) resolves
 * to its original run through the dedupe key. A paused workflow's ticks are passed over:
 * schedules do not fire while paused, and the ticks missed meanwhile are not made up on resume.
 */
export function createFireTick(d: FireTickDeps) {
  return (t: TickToFire): Promise<FireOutcome> => {
    const firedAt = d.clock.now();
    const body = Buffer.from(JSON.stringify(scheduledBody(t.payload, t.tick, firedAt)));
    const dedupeKey = tickDedupeKey(t.workflowId, t.nodeId, t.tick);
    return d.store.write(async (tx): Promise<FireOutcome> => {
      const wf = await tx.workflows.get(t.workflowId);
      if (!wf?.active) return { kind: 'inactive' };
      if ((await tx.holds.status(t.workflowId)).state !== 'off') {
        const state: ScheduleState = { workflowId: t.workflowId, nodeId: t.nodeId, spec: t.spec, cursor: t.tick, lastTick: t.tick, lastRunId: null, updatedAt: firedAt };
        await tx.schedules.upsert(state);
        return { kind: 'paused', state };
      }
      const started = await tx.runs.startRun({
        workflowId: t.workflowId,
        version: wf.publishedVersion ?? wf.currentVersion, // schedules run the published version
        concurrency: t.concurrency,
        now: firedAt,
        event: {
          kind: 'new',
          event: {
            workflowId: t.workflowId,
            nodeId: t.nodeId,
            dedupeKey,
            method: 'SCHEDULE',
            path: '/schedule',
            query: {},
            headers: { 'content-type': 'application/json' },
            body,
            receivedAt: firedAt,
          },
        },
      });
      const ran = started.kind === 'started' ? started.runId : (started.original?.runId ?? null);
      const state: ScheduleState = { workflowId: t.workflowId, nodeId: t.nodeId, spec: t.spec, cursor: t.tick, lastTick: t.tick, lastRunId: ran, updatedAt: firedAt };
      await tx.schedules.upsert(state);
      return started.kind === 'started' ? { kind: 'fired', runId: started.runId, state } : { kind: 'duplicate', runId: ran, state };
    });
  };
}
export type FireTick = ReturnType<typeof createFireTick>;
