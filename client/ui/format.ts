/** "3 min ago" style times; `now` is passed in so rendering stays pure. */
export function timeAgo(iso: string | null | undefined, now: number): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const s = Math.round((now - t) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return new Date(t).toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
}

/** A duration between two timestamps: "120 ms", "2.4 s", "3 min 5 s". */
export function duration(start: string | null | undefined, end: string | null | undefined): string {
  if (!start || !end) return '—';
  const ms = Date.parse(end) - Date.parse(start);
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/**
 * A run (or other) id short enough for a list yet distinguishable: ids are a prefix, a time part
 * and a random part, and runs started close together share the time part, so the tail is kept:
 * `run_01J2…` would repeat, `run_…7QK3ZP` does not.
 */
export function shortId(id: string, tail = 6): string {
  const cut = id.indexOf('_');
  const prefix = cut > 0 ? id.slice(0, cut + 1) : '';
  const rest = id.slice(prefix.length);
  return rest.length <= tail + 2 ? id : `${prefix}…${rest.slice(-tail)}`;
}
