import { describe, expect, it } from 'vitest';
import { scheduleConfigSchema } from '../../../shared/nodes/schedule.node.js';
import { latestTickAtOrBefore, nextTickAfter, nextTicks, planTicks, specKey, specOf, type ScheduleSpec } from '../../../server/scheduler/schedule-ticks.js';
import { toZonedIso } from '../../../server/scheduler/zoned-time.js';

const t = (iso: string) => Date.parse(iso);
const isos = (ms: number[]) => ms.map((m) => new Date(m).toISOString());
const cron = (expr: string, timezone = 'UTC'): ScheduleSpec => specOf(scheduleConfigSchema.parse({ mode: 'cron', cron: expr, timezone }));
const every = (d: string): ScheduleSpec => specOf(scheduleConfigSchema.parse({ mode: 'interval', every: d }));

/** Every tick in (from, to], walking one tick at a time: the slow, obvious reference. */
const walk = (spec: ScheduleSpec, from: number, to: number) => {
  const out: number[] = [];
  for (let x = nextTickAfter(spec, from); x !== null && x <= to; x = nextTickAfter(spec, x)) out.push(x);
  return out;
};

describe('cron ticks', () => {
  it('supports a seconds field, strictly after the given time', () => {
    const s = cron('*/15 * * * * *');
    expect(isos(nextTicks(s, t('2024-01-01T00:00:00Z'), 3))).toEqual(['2024-01-01T00:00:15.000Z', '2024-01-01T00:00:30.000Z', '2024-01-01T00:00:45.000Z']);
    expect(nextTickAfter(s, t('2024-01-01T00:00:14.999Z'))).toBe(t('2024-01-01T00:00:15Z'));
  });

  it('reads five fields as minute-first, in the trigger time zone', () => {
    expect(isos(nextTicks(cron('0 9 * * 1-5', 'America/New_York'), t('2024-01-05T12:00:00Z'), 2))).toEqual(['2024-01-05T14:00:00.000Z', '2024-01-08T14:00:00.000Z']);
  });

  it('handles the spring-forward gap: a time that does not exist runs once, at the shifted hour', () => {
    // Europe/Berlin, 2024-03-31: 02:00 CET becomes 03:00 CEST.
    const s = cron('30 2 * * *', 'Europe/Berlin');
    expect(isos(nextTicks(s, t('2024-03-29T12:00:00Z'), 3))).toEqual(['2024-03-30T01:30:00.000Z', '2024-03-31T01:00:00.000Z', '2024-04-01T00:30:00.000Z']);
    const hourly = cron('0 * * * *', 'Europe/Berlin');
    expect(isos(nextTicks(hourly, t('2024-03-31T00:30:00Z'), 2))).toEqual(['2024-03-31T01:00:00.000Z', '2024-03-31T02:00:00.000Z']);
  });

  it('handles the fall-back overlap: a fixed time runs once, an every-30-minutes rhythm runs through both hours', () => {
    // Europe/Berlin, 2024-10-27: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice.
    expect(isos(nextTicks(cron('30 2 * * *', 'Europe/Berlin'), t('2024-10-26T12:00:00Z'), 2))).toEqual(['2024-10-27T00:30:00.000Z', '2024-10-28T01:30:00.000Z']);
    expect(isos(walk(cron('*/30 * * * *', 'Europe/Berlin'), t('2024-10-26T23:59:59Z'), t('2024-10-27T02:00:00Z')))).toEqual([
      '2024-10-27T00:00:00.000Z',
      '2024-10-27T00:30:00.000Z',
      '2024-10-27T01:00:00.000Z',
      '2024-10-27T01:30:00.000Z',
      '2024-10-27T02:00:00.000Z',
    ]);
  });

  it('finds the latest tick at or before a time, agreeing with a walk across a DST change', () => {
    const s = cron('*/20 * * * *', 'Europe/Berlin');
    const from = t('2024-10-26T22:00:00Z');
    for (const at of ['2024-10-27T00:20:00Z', '2024-10-27T00:59:59.999Z', '2024-10-27T01:00:00Z', '2024-10-27T01:00:00.500Z', '2024-10-27T02:10:00Z']) {
      expect(latestTickAtOrBefore(s, t(at))).toBe(walk(s, from, t(at)).at(-1));
    }
    expect(latestTickAtOrBefore(cron('* * * * * *'), t('2024-01-01T01:00:05.500Z'))).toBe(t('2024-01-01T01:00:05Z'));
  });

  it('formats ticks as local time with the zone offset of that moment', () => {
    expect(toZonedIso(t('2024-03-31T00:30:00Z'), 'Europe/Berlin')).toBe('2024-03-31T01:30:00+01:00');
    expect(toZonedIso(t('2024-03-31T01:00:00Z'), 'Europe/Berlin')).toBe('2024-03-31T03:00:00+02:00');
    expect(toZonedIso(t('2024-01-01T00:00:00Z'), 'UTC')).toBe('2024-01-01T00:00:00+00:00');
    expect(toZonedIso(t('2024-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe('2024-01-01T05:30:00+05:30');
  });
});

describe('interval ticks', () => {
  it('fall on whole multiples of the interval since the epoch', () => {
    const s = every('15m');
    expect(isos(nextTicks(s, t('2024-01-01T10:07:00Z'), 3))).toEqual(['2024-01-01T10:15:00.000Z', '2024-01-01T10:30:00.000Z', '2024-01-01T10:45:00.000Z']);
    expect(nextTickAfter(s, t('2024-01-01T10:15:00Z'))).toBe(t('2024-01-01T10:30:00Z'));
    expect(latestTickAtOrBefore(s, t('2024-01-01T10:15:00Z'))).toBe(t('2024-01-01T10:15:00Z'));
    expect(latestTickAtOrBefore(every('1s'), t('2024-01-01T10:15:00.999Z'))).toBe(t('2024-01-01T10:15:00Z'));
  });

  it('a change of timetable changes the key; other fields do not', () => {
    expect(specKey(every('15m'))).toBe(specKey(every('900s')));
    expect(specKey(every('15m'))).not.toBe(specKey(every('16m')));
    expect(specKey(cron('0 * * * *', 'UTC'))).not.toBe(specKey(cron('0 * * * *', 'Europe/Berlin')));
  });
});

describe('planTicks', () => {
  const s = every('1m');
  const base = t('2024-01-01T10:00:00Z');

  it('does nothing before the next tick and names it', () => {
    expect(planTicks({ spec: s, missed: 'runOnce', cursor: base, now: base + 59_999, lateAfterMs: 60_000 })).toEqual({ fire: null, cursor: base, missedTick: null, next: base + 60_000 });
  });

  it('fires a tick that is due on time, whatever the policy', () => {
    for (const missed of ['runOnce', 'skip'] as const) {
      expect(planTicks({ spec: s, missed, cursor: base, now: base + 60_200, lateAfterMs: 60_000 })).toEqual({ fire: base + 60_000, cursor: base + 60_000, missedTick: null, next: base + 120_000 });
    }
  });

  it('runOnce: after downtime, one run for the latest missed tick, however many were missed', () => {
    const now = base + 10 * 60_000 + 30_000;
    expect(planTicks({ spec: s, missed: 'runOnce', cursor: base, now, lateAfterMs: 0 })).toEqual({ fire: base + 600_000, cursor: base + 600_000, missedTick: base + 600_000, next: base + 660_000 });
  });

  it('skip: after downtime, no run; the cursor moves to now', () => {
    const now = base + 10 * 60_000 + 30_000;
    expect(planTicks({ spec: s, missed: 'skip', cursor: base, now, lateAfterMs: 0 })).toEqual({ fire: null, cursor: now, missedTick: base + 600_000, next: base + 660_000 });
  });

  it('a tick due exactly now is on time even with no lateness allowed', () => {
    expect(planTicks({ spec: s, missed: 'skip', cursor: base, now: base + 60_000, lateAfterMs: 0 }).fire).toBe(base + 60_000);
  });

  it('a cron that never fires again plans nothing', () => {
    const once = cron('0 0 1 1 *');
    const after = planTicks({ spec: once, missed: 'runOnce', cursor: t('2024-06-01T00:00:00Z'), now: t('2024-06-02T00:00:00Z'), lateAfterMs: 0 });
    expect(after.fire).toBeNull();
    expect(after.next).toBe(t('2025-01-01T00:00:00Z'));
  });
});
