/**
 * Common Luxon calls rewritten to the sandbox's dayjs. Pure text rewrites of the forms n8n's
 * docs and templates use; anything else is left as it is (and reported by the caller).
 */

const LUXON_UNITS: Record<string, string> = {
  years: 'year',
  year: 'year',
  months: 'month',
  month: 'month',
  weeks: 'week',
  week: 'week',
  days: 'day',
  day: 'day',
  hours: 'hour',
  hour: 'hour',
  minutes: 'minute',
  minute: 'minute',
  seconds: 'second',
  second: 'second',
  milliseconds: 'millisecond',
  millisecond: 'millisecond',
};

/** Luxon format tokens to dayjs ones (`yyyy-MM-dd HH:mm` -> `YYYY-MM-DD HH:mm`); quoted text becomes [text]. */
export function luxonFormatToDayjs(format: string): string {
  return format.replace(/'([^']*)'|yyyy|yy|EEEE|EEE|cccc|ccc|dd|d|a|ZZ|SSS|kkkk/g, (m, quoted: string | undefined) => {
    if (quoted !== undefined) return `[${quoted}]`;
    const table: Record<string, string> = { yyyy: 'YYYY', yy: 'YY', EEEE: 'dddd', EEE: 'ddd', cccc: 'dddd', ccc: 'ddd', dd: 'DD', d: 'D', a: 'A', ZZ: 'Z', SSS: 'SSS', kkkk: 'GGGG' };
    return table[m] ?? m;
  });
}

/** `{ days: 1, hours: 2 }` (numbers or simple expressions) -> `.add(1, 'day').add(2, 'hour')`; undefined when not that shape. */
function durationObjectCalls(method: 'add' | 'subtract', body: string): string | undefined {
  const pairs = body
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const calls: string[] = [];
  for (const pair of pairs) {
    const m = /^([A-Za-z]+)\s*:\s*([^:]+)$/.exec(pair);
    const unit = m ? LUXON_UNITS[m[1] ?? ''] : undefined;
    if (!m || !unit) return undefined;
    calls.push(`.${method}(${(m[2] ?? '').trim()}, '${unit}')`);
  }
  return calls.length ? calls.join('') : undefined;
}

/** Rewrites the Luxon calls it knows; returns the new source. */
export function rewriteLuxon(source: string): string {
  return source
    .replace(/\bDateTime\.now\(\)/g, 'dayjs()')
    .replace(/\bDateTime\.local\(\)/g, 'dayjs()')
    .replace(/\bDateTime\.utc\(\)/g, 'dayjs.utc()')
    .replace(/\bDateTime\.fromISO\(/g, 'dayjs(')
    .replace(/\bDateTime\.fromMillis\(/g, 'dayjs(')
    .replace(/\bDateTime\.fromSeconds\(/g, 'dayjs.unix(')
    .replace(/\bDateTime\.fromJSDate\(/g, 'dayjs(')
    .replace(/\.toISO\(\)/g, '.toISOString()')
    .replace(/\.toISODate\(\)/g, ".format('YYYY-MM-DD')")
    .replace(/\.toMillis\(\)/g, '.valueOf()')
    .replace(/\.toSeconds\(\)/g, '.unix()')
    .replace(/\.toJSDate\(\)/g, '.toDate()')
    .replace(/\.toUnixInteger\(\)/g, '.unix()')
    .replace(/\.setZone\(/g, '.tz(')
    .replace(/\.toFormat\((['"])((?:(?!\1).)*)\1\)/g, (_m, q: string, f: string) => `.format(${q}${luxonFormatToDayjs(f)}${q})`)
    .replace(/\.(plus|minus)\(\s*\{([^{}]*)\}\s*\)/g, (m, op: string, body: string) => durationObjectCalls(op === 'plus' ? 'add' : 'subtract', body) ?? m)
    .replace(/\.(startOf|endOf)\(\s*(['"])(\w+)\2\s*\)/g, (_m, fn: string, q: string, unit: string) => `.${fn}(${q}${LUXON_UNITS[unit] ?? unit}${q})`)
    .replace(/\.(diff)\(([^(),]+),\s*(['"])(\w+)\3\s*\)/g, (_m, fn: string, other: string, q: string, unit: string) => `.${fn}(${other.trim()}, ${q}${LUXON_UNITS[unit] ?? unit}${q})`);
}

/** Luxon names still in the source after the rewrite: the caller reports them. */
export const LUXON_LEFTOVER = /\bDateTime\.|\.toRelative\(|\.toLocaleString\(DateTime|\bDuration\.|\bInterval\./;
