const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    if (formats.size >= 200) formats.clear();
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** An instant as ISO 8601 local time with the zone's offset then, e.g. "2024-03-31T03:00:00+02:00". */
export function toZonedIso(ms: number, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const p of formatFor(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  // "GMT+02:00", "GMT-03:30", or plain "GMT" at offset zero.
  const offset = (parts.timeZoneName ?? 'GMT').replace(/^GMT/, '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}
