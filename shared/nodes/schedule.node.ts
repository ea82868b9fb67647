import { z } from 'zod';
import { cronProblem } from './cron.js';
import { defineNodeType, singleOutput } from './define-node-type.js';
import { DAY_MS, durationMsUpTo, durationSchemaUpTo } from './duration.js';
import { lazySchema } from '../lazy-schema.js';

/** Shortest interval: a schedule is not a busy loop. */
export const MIN_INTERVAL_MS = 1000;
/** Longest interval; longer or calendar-bound rhythms read better as cron. */
export const MAX_INTERVAL_MS = 31 * DAY_MS;

/** `runOnce`: after downtime, one run for the latest missed tick. `skip`: missed ticks never run. */
export const missedPolicies = ['runOnce', 'skip'] as const;
export type MissedPolicy = (typeof missedPolicies)[number];

/** Is `tz` a time zone this runtime knows (an IANA name such as "Europe/Berlin", or "UTC")? */
export function isTimeZone(tz: string): boolean {
  if (tz.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

// Cron parsing lives in ./cron.ts, apart from this descriptor: the editor loads croner after its first screen.
export { compileCron, cronProblem } from './cron.js';

export const scheduleConfigSchema = lazySchema(() =>
  z
    .object({
      mode: z.enum(['cron', 'interval']).default('cron').meta({ title: 'Runs', primary: true, description: 'cron: at the times a cron expression names. interval: every fixed duration.' }),
      cron: z.string().max(200).optional().meta({
        title: 'Cron expression',
        primary: true,
        description: '5 fields (minute hour day month weekday), or 6 with seconds first: "0 9 * * 1-5" is 09:00 on weekdays, "*/10 * * * * *" every 10 seconds.',
      }),
      timezone: z.string().max(64).default('UTC').meta({ title: 'Time zone', primary: true, description: 'The IANA time zone cron times are read in, daylight saving included, e.g. Europe/Berlin.' }),
      every: durationSchemaUpTo(MAX_INTERVAL_MS)
        .default('15m')
        .meta({ title: 'Interval', primary: true, description: 'For interval mode: "30s", "15m", "2h", "1d" (at least 1 s). Ticks fall on whole multiples of it since 1970-01-01 UTC.' }),
      missed: z
        .enum(missedPolicies)
        .default('runOnce')
        .meta({ title: 'Missed runs', description: 'Ticks missed while the server was down: runOnce runs once for the latest of them; skip runs none.' }),
      payload: z.record(z.string(), z.unknown()).optional().meta({ title: 'Payload', description: 'A JSON object handed to each run as trigger.body, with scheduledAt and firedAt added.' }),
    })
    .superRefine((c, ctx) => {
      if (!isTimeZone(c.timezone)) {
        ctx.addIssue({ code: 'custom', path: ['timezone'], message: `Unknown time zone "${c.timezone}": use an IANA name such as "Europe/Berlin" or "UTC".` });
      }
      if (c.mode === 'cron') {
        const problem = c.cron === undefined || c.cron.trim() === '' ? 'Give a cron expression, e.g. "0 9 * * *".' : cronProblem(c.cron, isTimeZone(c.timezone) ? c.timezone : 'UTC');
        if (problem) ctx.addIssue({ code: 'custom', path: ['cron'], message: problem });
      } else if (durationMsUpTo(c.every, Infinity) < MIN_INTERVAL_MS) {
        ctx.addIssue({ code: 'custom', path: ['every'], message: 'An interval must be at least 1 second ("1s").' });
      }
    }),
);
export type ScheduleConfig = z.infer<typeof scheduleConfigSchema>;

/** The interval of an `interval` schedule, in milliseconds. */
export const intervalMs = (c: Pick<ScheduleConfig, 'every'>): number => Math.max(MIN_INTERVAL_MS, durationMsUpTo(c.every, MAX_INTERVAL_MS));

export const scheduleNode = defineNodeType({
  type: 'schedule',
  version: 1,
  title: 'Schedule',
  description: 'Starts a run on a timetable: a cron expression (seconds and time zones supported) or a fixed interval.',
  category: 'triggers',
  icon: '🕒',
  kind: 'trigger',
  outputs: singleOutput,
  configSchema: scheduleConfigSchema,
  defaults: { mode: 'cron', cron: '0 9 * * *', timezone: 'UTC', every: '15m', missed: 'runOnce' },
  summarize: (c) => (c.mode === 'cron' ? `cron ${c.cron ?? '?'} · ${c.timezone}` : `every ${typeof c.every === 'number' ? `${c.every} ms` : c.every}`),
});
