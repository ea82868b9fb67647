import { lookupPath, pathSegments } from '../../../shared/graph/templates.js';
import type { Pagination } from '../../../shared/nodes/http-pagination.js';

/** What one fetched page tells the walk. */
export interface PageSeen {
  /** The URL that was fetched. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** Pages fetched so far, this one included. */
  fetched: number;
  /** Items collected so far, this page's included. */
  collected: number;
  /** How many items this page had. */
  itemsOnPage: number;
  /** The cursor that fetched this page (cursor mode). */
  cursor: string | undefined;
}

/** A value at a body path ('' is the body). */
export function atPath(body: unknown, path: string): unknown {
  if (path === '') return body;
  const keys = pathSegments(path);
  return keys ? lookupPath(body, keys) : undefined;
}

/** The items of one page, or an explanation of why the path does not lead to a list. */
export function pageItems(body: unknown, itemsPath: string): { ok: true; items: unknown[] } | { ok: false; message: string } {
  const items = atPath(body, itemsPath);
  if (Array.isArray(items)) return { ok: true, items };
  return { ok: false, message: `The response has no list at "${itemsPath || '(the body)'}" (found ${items === undefined ? 'nothing' : typeof items}); set itemsPath to where the items are.` };
}

/** A whole page as items, as n8n collects them: a list adds its entries, an empty body (nothing, '', {}) none, another body itself. */
export function wholePageItems(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body === undefined || body === null || body === '') return [];
  if (typeof body === 'object' && Object.keys(body).length === 0) return [];
  return [body];
}

/** The `rel="next"` target of a Link header (RFC 8288), resolved against the page's URL. */
export function linkNext(header: string | string[] | undefined, base: string): string | undefined {
  const text = Array.isArray(header) ? header.join(',') : header;
  if (!text) return undefined;
  for (const m of text.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(m[2] ?? '')?.[1];
    if (rel?.toLowerCase().split(/\s+/).includes('next')) {
      try {
        return new URL(m[1] ?? '', base).toString();
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const withParams = (url: string, params: Record<string, string>): string => {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
};

/** The first page's URL: counting modes ask for their first page and its size. */
export function firstPageUrl(p: Pagination, url: string): string {
  const size = p.pageSize === undefined ? {} : { [p.limitParam]: String(p.pageSize) };
  if (p.mode === 'offset') return withParams(url, { [p.offsetParam]: '0', ...size });
  if (p.mode === 'page') return withParams(url, { [p.pageParam]: String(p.startPage), ...size });
  return url;
}

/**
 * The next page to fetch after `seen`, with the cursor that fetches it; undefined when the walk
 * is over (no next link, no cursor, an empty or short page). Pure; the cap is the caller's.
 */
export function nextPage(p: Pagination, first: string, seen: PageSeen): { url: string; cursor?: string } | undefined {
  switch (p.mode) {
    case 'link-header':
      return withUrl(linkNext(seen.headers.link, seen.url));
    case 'next-url': {
      const next = atPath(seen.body, p.nextUrlPath ?? '');
      return typeof next === 'string' && next !== '' ? withUrl(safeUrl(next, seen.url)) : undefined;
    }
    case 'cursor': {
      const raw = atPath(seen.body, p.cursorPath ?? '');
      const cursor = typeof raw === 'number' ? String(raw) : raw;
      // A cursor that does not move would fetch the same page forever.
      if (typeof cursor !== 'string' || cursor === '' || cursor === seen.cursor) return undefined;
      return { url: withParams(first, { [p.cursorParam]: cursor }), cursor };
    }
    case 'offset':
    case 'page': {
      if (seen.itemsOnPage === 0 || (p.pageSize !== undefined && seen.itemsOnPage < p.pageSize)) return undefined;
      const at = p.mode === 'offset' ? { [p.offsetParam]: String(seen.collected) } : { [p.pageParam]: String(p.startPage + seen.fetched) };
      return { url: withParams(firstPageUrl(p, first), at) };
    }
    default: {
      const never: never = p.mode;
      return never;
    }
  }
}

function safeUrl(href: string, base: string): string | undefined {
  try {
    return new URL(href, base).toString();
  } catch {
    return undefined;
  }
}
const withUrl = (url: string | undefined) => (url ? { url } : undefined);
