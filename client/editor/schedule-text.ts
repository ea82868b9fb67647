/** Words for the schedule panel. Pure: the clock and the time zone are passed in. */

const units: Record<string, [string, string]> = { ms: ['millisecond', 'milliseconds'], s: ['second', 'seconds'], m: ['minute', 'minutes'], h: ['hour', 'hours'], d: ['day', 'days'] };

/** "every 15 minutes", "every second", "every 1500 milliseconds". */
export function everyText(every: string | number): string {
  const m = typeof every === 'number' ? ['', String(every), 'ms'] : /^(\d+)(ms|s|m|h|d)$/.exec(every);
  const n = Number(m?.[1]);
  const unit = units[m?.[2] ?? ''];
  if (!m || !unit || !Number.isFinite(n)) return `every ${String(every)}`;
  return n === 1 ? `every ${unit[0]}` : `every ${n} ${unit[1]}`;
}

/** "in 5 s", "in 3 min", "in 2 h", "in 4 days"; "now" for times due already. */
export function untilText(iso: string, now: number): string {
  const s = Math.round((Date.parse(iso) - now) / 1000);
  if (!Number.isFinite(s) || s <= 0) return 'now';
  if (s < 60) return `in ${s} s`;
  if (s < 3600) return `in ${Math.round(s / 60)} min`;
  if (s < 86_400 * 2) return `in ${Math.round(s / 3600)} h`;
  return `in ${Math.round(s / 86_400)} days`;
}

/** "Mon, Jan 8, 09:00" in the trigger's zone; seconds only when a tick has them. */
export function tickText(iso: string, timeZone: string, withSeconds: boolean): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  try {
    return new Date(t).toLocaleString(undefined, {
      timeZone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    });
  } catch {
    return iso;
  }
}

/** Whether any tick falls off a whole minute (then seconds are worth showing). */
export const needsSeconds = (isos: readonly string[]): boolean => isos.some((i) => Date.parse(i) % 60_000 !== 0);

/** What happens to ticks missed while the server was down. */
export function missedText(policy: string): string {
  return policy === 'skip' ? 'Ticks missed while the server was down are skipped.' : 'After downtime, it runs once for the latest missed tick.';
}
