import { z } from 'zod';

export const DAY_MS = 86_400_000;
const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS };

/** A duration: milliseconds as a number, or a string with a unit ("250ms", "5s", "5m", "2h", "1d"), at most `maxMs`. */
export function durationSchemaUpTo(maxMs: number) {
  return z.union([
    z.number().int().min(0).max(maxMs),
    z
      .string()
      .regex(/^\d{1,9}(ms|s|m|h|d)$/, 'a duration such as "30s", "5m" or "2h"')
      .refine((d) => durationMsUpTo(d, Infinity) <= maxMs, `at most ${Math.round(maxMs / DAY_MS)} days`),
  ]);
}

/** Milliseconds of a duration, capped at 7 days so a typo cannot park a run for years (one argument: safe in `map`). */
export const durationToMs = (d: number | string): number => durationMsUpTo(d, 7 * DAY_MS);

/** Milliseconds of a duration, capped at `capMs`. */
export function durationMsUpTo(d: number | string, capMs: number): number {
  if (typeof d === 'number') return Math.min(d, capMs);
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(d);
  const ms = m ? Number(m[1]) * (unitMs[m[2] ?? 'ms'] ?? 1) : 0;
  return Math.min(ms, capMs);
}
