import { Cron } from 'croner';
import { DAY_MS } from './duration.js';

/**
 * Cron expressions for the schedule trigger, with croner. A module of its own so the editor
 * can load croner after its first screen (see client/lazy/) while the server imports it as is.
 */

/**
 * Compiles a cron expression of 5 fields (minute first) or 6 (seconds first), read in `timezone`.
 * The job is paused and has no function, so croner starts no timer: it only computes times.
 * Throws croner's error for an invalid expression.
 */
export function compileCron(expression: string, timezone: string): Cron {
  return new Cron(expression, { timezone, paused: true, mode: '5-or-6-parts' });
}

/** Why a cron expression cannot be used, or undefined when it can. Pure: probes from a fixed date. */
export function cronProblem(expression: string, timezone: string): string | undefined {
  let job: Cron;
  try {
    job = compileCron(expression, timezone);
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).replace(/^CronPattern:\s*/, '');
    return `Invalid cron expression "${expression}": ${why}. Use 5 fields (minute hour day month weekday) or 6 with seconds first.`;
  }
  // Patterns repeat at least every 4 years (29 February); a pattern with no time in 8 years never fires.
  const from = new Date(Date.UTC(2000, 0, 1));
  const next = job.nextRun(from);
  if (!next || next.getTime() - from.getTime() > 8 * 366 * DAY_MS) return `The cron expression "${expression}" never fires (a date such as 31 February).`;
  return undefined;
}
