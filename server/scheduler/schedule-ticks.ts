import type { Cron } from 'croner';
import { compileCron, intervalMs, type MissedPolicy, type ScheduleConfig } from '../../shared/nodes/schedule.node.js';

/** When a schedule fires, reduced to what tick computation needs. */
export type ScheduleSpec = { mode: 'cron'; cron: string; timezone: string } | { mode: 'interval'; everyMs: number };

/** The timetable of a (valid) schedule config. */
export function specOf(c: ScheduleConfig): ScheduleSpec {
  switch (c.mode) {
    case 'cron':
      return { mode: 'cron', cron: (c.cron ?? '').trim(), timezone: c.timezone };
    case 'interval':
      return { mode: 'interval', everyMs: intervalMs(c) };
  }
}

/** A stable text for a timetable; when it changes, a trigger starts over from the time of the change. */
export const specKey = (s: ScheduleSpec): string => (s.mode === 'cron' ? `cron|${s.timezone}|${s.cron}` : `interval|${s.everyMs}`);

// Compiling a pattern parses it; the driver asks for the same few patterns again and again.
const compiled = new Map<string, Cron>();
function cronOf(spec: { cron: string; timezone: string }): Cron {
  const key = `${spec.timezone}|${spec.cron}`;
  let job = compiled.get(key);
  if (!job) {
    if (compiled.size >= 1000) compiled.clear();
    job = compileCron(spec.cron, spec.timezone);
    compiled.set(key, job);
  }
  return job;
}

/** The first tick strictly after `after` (epoch ms), or null when the schedule never fires again. */
export function nextTickAfter(spec: ScheduleSpec, after: number): number | null {
  switch (spec.mode) {
    case 'interval':
      // Ticks sit on whole multiples of the interval since the epoch: stable across restarts and edits of other fields.
      return (Math.floor(after / spec.everyMs) + 1) * spec.everyMs;
    case 'cron':
      return cronOf(spec).nextRun(new Date(after))?.getTime() ?? null;
  }
}

/** The latest tick at or before `at`, or null when there is none. */
export function latestTickAtOrBefore(spec: ScheduleSpec, at: number): number | null {
  switch (spec.mode) {
    case 'interval':
      return Math.floor(at / spec.everyMs) * spec.everyMs;
    case 'cron': {
      // croner looks strictly before the whole second it is given; cron ticks are whole seconds,
      // so "at or before `at`" is "before the second after `at`'s second".
      const ref = Math.floor(at / 1000) * 1000 + 1000;
      return cronOf(spec).previousRuns(1, new Date(ref))[0]?.getTime() ?? null;
    }
  }
}

/** The next `n` ticks strictly after `after`. */
export function nextTicks(spec: ScheduleSpec, after: number, n: number): number[] {
  const out: number[] = [];
  let t: number | null = after;
  while (out.length < n && t !== null) {
    t = nextTickAfter(spec, t);
    if (t !== null) out.push(t);
  }
  return out;
}

export interface TickPlanInput {
  spec: ScheduleSpec;
  missed: MissedPolicy;
  /** Every tick at or before this is already handled. */
  cursor: number;
  now: number;
  /** A due tick older than this is missed (the server was down, or asleep); younger ones are on time. */
  lateAfterMs: number;
}

export interface TickPlan {
  /** The tick to fire now, if any: at most one, the latest due (ticks bunched up by a lag coalesce into it). */
  fire: number | null;
  /** The new cursor once `fire` (if any) has run. */
  cursor: number;
  /** The latest due tick when it was missed (whatever the policy did with it), else null. */
  missedTick: number | null;
  /** The tick after this plan, to set the timer for; null when the schedule never fires again. */
  next: number | null;
}

/**
 * What a schedule does now (pure). Due ticks are those in (cursor, now]. The latest of them fires
 * when on time; when missed, `runOnce` still fires it (one run, however many were missed) and
 * `skip` moves the cursor to now without a run.
 */
export function planTicks(i: TickPlanInput): TickPlan {
  const first = nextTickAfter(i.spec, i.cursor);
  if (first === null || first > i.now) return { fire: null, cursor: i.cursor, missedTick: null, next: first };
  const latestFound = latestTickAtOrBefore(i.spec, i.now);
  const latest = latestFound !== null && latestFound >= first ? latestFound : first;
  const missed = i.now - latest > i.lateAfterMs;
  if (missed && i.missed === 'skip') return { fire: null, cursor: i.now, missedTick: latest, next: nextTickAfter(i.spec, i.now) };
  return { fire: latest, cursor: latest, missedTick: missed ? latest : null, next: nextTickAfter(i.spec, latest) };
}
