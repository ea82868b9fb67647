/**
 * The runs view's filters as they stand in the URL (`/runs?status=failed&where=...`), so a
 * search can be shared as a link and survives a reload. Pure: read by the router, written by
 * the search form, unit-tested.
 */
export interface RunSearch {
  workflowId?: string;
  status?: string;
  /** A provider's event id or an Idempotency-Key (the stored dedupe key). */
  dedupeKey?: string;
  errorCode?: string;
  /** ISO times (UTC), as the API takes them. */
  from?: string;
  to?: string;
  /** `trigger.body.data.object.id = pi_123`. */
  where?: string;
}

export const RUN_SEARCH_KEYS = ['workflowId', 'status', 'dedupeKey', 'errorCode', 'from', 'to', 'where'] as const;

/** The filters present in a query string; empty values are left out. */
export function runSearchFromQuery(q: URLSearchParams): RunSearch {
  const search: RunSearch = {};
  for (const key of RUN_SEARCH_KEYS) {
    const value = q.get(key)?.trim();
    if (value) search[key] = value;
  }
  return search;
}

/** The runs view's path for these filters. */
export function runSearchPath(search: RunSearch): string {
  const q = new URLSearchParams();
  for (const key of RUN_SEARCH_KEYS) {
    const value = search[key]?.trim();
    if (value) q.set(key, value);
  }
  return `/runs${q.size ? `?${q}` : ''}`;
}

/** Whether a filter beyond workflow and status is set (then the list is a search: it does not poll). */
export const isSearch = (s: RunSearch) => Boolean(s.dedupeKey || s.errorCode || s.from || s.to || s.where);

/** A `datetime-local` value (the browser's zone) as an ISO time, or undefined when empty or invalid. */
export function isoFromLocal(local: string): string | undefined {
  if (!local) return undefined;
  const ms = Date.parse(local);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** An ISO time as a `datetime-local` value in the browser's zone. */
export function localFromIso(iso: string | undefined): string {
  const ms = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(ms)) return '';
  return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
