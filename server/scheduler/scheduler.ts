// Per-process assumption: one scheduler fires ticks (the dedupe key keeps a tick exactly-once
// regardless); docs/architecture.md says how one is elected among several processes.
import type { Logger } from 'pino';
import type { Store, StoreTx } from '../store/ports/store.js';
import type { Clock } from '../lib/clock.js';
import { loadActiveSchedules, type ActiveSchedule } from './active-schedules.js';
import { createFireTick } from './fire-tick.js';
import { nextTickAfter, planTicks } from './schedule-ticks.js';
import { createWakeLoop, realTimers, type Timers } from './wake-loop.js';
import type { ScheduleState } from '../store/ports/schedules.js';

export interface SchedulerDeps {
  store: Pick<Store, 'write' | 'workflows' | 'schedules'>;
  clock: Clock;
  logger: Logger;
  defaultConcurrency: number;
  /** Called after a tick queued a run (wakes the workers). */
  onQueued: () => void;
  timers?: Timers;
  /** A tick that falls due longer ago than this while running counts as missed (the machine slept). */
  lateAfterMs?: number;
  /** The longest the timer sleeps, so a jump of the wall clock is noticed within this. */
  maxSleepMs?: number;
  /** How soon a tick that could not be stored (a database error) is tried again. */
  retryMs?: number;
}

/** The `spec` of a trigger that is not active: matches no timetable. */
const DISARMED = '';
/** A cursor write of one pass; all of a pass's writes share one unit of work. */
type Write = (tx: StoreTx) => Promise<void>;
const keyOf = (workflowId: string, nodeId: string) => `${workflowId}\u0000${nodeId}`;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Fires schedule triggers. One timer for the earliest next tick across every active schedule
 * (no timer or polling per workflow). Each wake plans every trigger with the pure `planTicks`
 * and fires what is due; the first pass after start treats every tick that fell due before it as
 * missed, which is where the missed-run policy applies. `changed` re-plans at once after a
 * workflow is saved, activated, deactivated or deleted.
 */
export function createScheduler(d: SchedulerDeps) {
  const fire = createFireTick(d);
  const lateAfterMs = d.lateAfterMs ?? 60_000;
  const retryMs = d.retryMs ?? 5_000;

  /** Active schedule triggers; null after a change, reloaded by the next pass. */
  let active: Map<string, ActiveSchedule> | null = null;
  /** Cursors by trigger, mirrored from schedule_state (this process owns the database alone). */
  const states = new Map<string, ScheduleState>();
  /** Workflows switched off since the last reload: their cursors start over, so no catch-up for time spent off. */
  const resets = new Set<string>();
  /** Each trigger's next tick as last planned (null: never again), so a wake only plans the triggers that are due. */
  const nextOf = new Map<string, number | null>();
  let firstPass = true;

  const fireOne = async (s: ActiveSchedule, tick: number): Promise<boolean> => {
    try {
      const out = await fire({ workflowId: s.workflowId, nodeId: s.nodeId, spec: s.specKey, tick, payload: s.payload, concurrency: s.concurrency });
      switch (out.kind) {
        case 'fired':
          states.set(keyOf(s.workflowId, s.nodeId), out.state);
          d.onQueued();
          return true;
        case 'duplicate':
        case 'paused':
          states.set(keyOf(s.workflowId, s.nodeId), out.state);
          return true;
        case 'inactive':
          // Switched off in the meantime (by a path that did not call `changed`): reload on the next pass.
          resets.add(s.workflowId);
          active = null;
          return true;
      }
    } catch (err) {
      d.logger.error({ err, workflowId: s.workflowId, nodeId: s.nodeId, tick: iso(tick) }, 'schedule: could not store a tick; trying again soon');
      nextOf.delete(keyOf(s.workflowId, s.nodeId));
      return false;
    }
  };

  /** Disarms cursors of triggers that are no longer active schedules (or were switched off meanwhile). */
  const reload = async (writes: Write[]): Promise<Map<string, ActiveSchedule>> => {
    const loaded = new Map<string, ActiveSchedule>();
    for (const s of await loadActiveSchedules(d.store.workflows, d.defaultConcurrency, (id) =>
      d.logger.error({ workflowId: id }, 'schedule: the stored trigger config does not parse; not scheduled'),
    )) {
      loaded.set(keyOf(s.workflowId, s.nodeId), s);
    }
    for (const [k, st] of states) {
      if (!(await d.store.workflows.get(st.workflowId))) {
        states.delete(k);
        writes.push((tx) => tx.schedules.remove(st.workflowId, st.nodeId));
        continue;
      }
      if (st.spec === DISARMED || (loaded.has(k) && !resets.has(st.workflowId))) continue;
      // Disarmed, not deleted: the last tick stays on show, and no timetable matches, so a later activation starts from then.
      const disarmed = { ...st, spec: DISARMED };
      states.set(k, disarmed);
      // The workflow may be deleted by the time this commits; the row went with it then (ON DELETE CASCADE).
      writes.push(async (tx) => void ((await tx.workflows.get(st.workflowId)) && (await tx.schedules.upsert(disarmed))));
    }
    resets.clear();
    nextOf.clear();
    return loaded;
  };

  const pass = async () => {
    const now = d.clock.now();
    const writes: Write[] = [];
    const list = (active ??= await reload(writes));
    const late = firstPass ? 0 : lateAfterMs;
    if (firstPass) d.logger.info({ at: iso(now), schedules: list.size }, 'scheduler: first pass; ticks due before now count as missed');
    firstPass = false;
    const fires: Array<Promise<boolean>> = [];
    let earliest: number | null = null;
    const consider = (t: number | null) => {
      if (t !== null && (earliest === null || t < earliest)) earliest = t;
    };
    for (const [k, s] of list) {
      const planned = nextOf.get(k);
      if (planned === null || (planned !== undefined && planned > now)) {
        consider(planned ?? null);
        continue;
      }
      const st = states.get(k);
      if (!st || st.spec !== s.specKey) {
        // New, (re)activated or re-timed: start from now; nothing before is owed.
        const armed: ScheduleState = { workflowId: s.workflowId, nodeId: s.nodeId, spec: s.specKey, cursor: now, lastTick: st?.lastTick ?? null, lastRunId: st?.lastRunId ?? null, updatedAt: now };
        states.set(k, armed);
        writes.push((tx) => tx.schedules.upsert(armed));
        const next = nextTickAfter(s.spec, now);
        nextOf.set(k, next);
        consider(next);
        continue;
      }
      const plan = planTicks({ spec: s.spec, missed: s.missed, cursor: st.cursor, now, lateAfterMs: late });
      if (plan.missedTick !== null) {
        const msg = plan.fire !== null ? 'schedule: missed ticks; running once for the latest' : 'schedule: missed ticks; skipping them';
        d.logger.info({ workflowId: s.workflowId, nodeId: s.nodeId, policy: s.missed, since: iso(st.cursor), latestMissed: iso(plan.missedTick), at: iso(now) }, msg);
      }
      if (plan.fire !== null) fires.push(fireOne(s, plan.fire));
      else if (plan.cursor !== st.cursor) {
        const moved = { ...st, cursor: plan.cursor, updatedAt: now };
        states.set(k, moved);
        writes.push((tx) => tx.schedules.upsert(moved));
      }
      nextOf.set(k, plan.next);
      consider(plan.next);
    }
    // Cursor writes and fired ticks of one pass share a group commit.
    const written = writes.length
      ? d.store.write(async (tx) => {
          for (const w of writes) await w(tx);
        })
      : undefined;
    const [, ...fired] = await Promise.all([written, ...fires]);
    if (fired.some((ok) => !ok)) consider(d.clock.now() + retryMs);
    loop.wakeAt(earliest);
  };

  const loop = createWakeLoop({
    pass: async () => {
      try {
        await pass();
      } catch (err) {
        d.logger.error({ err }, 'schedule: planning failed; trying again soon');
        active = null;
        loop.wakeAt(d.clock.now() + retryMs);
      }
    },
    now: () => d.clock.now(),
    timers: d.timers ?? realTimers,
    maxSleepMs: d.maxSleepMs ?? 60_000,
  });

  return {
    /** Loads the cursors and plans at once: missed ticks are handled here, by each trigger's policy. */
    async start(): Promise<void> {
      for (const st of await d.store.schedules.all()) states.set(keyOf(st.workflowId, st.nodeId), st);
      firstPass = true;
      active = null;
      loop.start();
      await loop.kick();
    },
    /** No more ticks; resolves once a pass in progress has stored what it fired. */
    stop: (): Promise<void> => loop.stop(),
    /** A workflow was saved, (de)activated or deleted: re-plan now. */
    changed(workflowId: string): void {
      active = null;
      // The read resolves before the kick's pass reloads: a switched-off workflow's cursors start over.
      void d.store.workflows
        .get(workflowId)
        .then((wf) => {
          if (!wf?.active) resets.add(workflowId);
          active = null;
          return loop.kick();
        })
        // The database is unreachable: the next pass (timer or kick) plans from what it reads then.
        .catch(() => loop.kick());
    },
    /** Plans now (what the timer does); resolves when idle. */
    plan: (): Promise<void> => loop.kick(),
    /** When the timer will next wake planning (the earliest next tick), or null. */
    wakeAt: (): number | null => loop.next(),
  };
}
export type Scheduler = ReturnType<typeof createScheduler>;
