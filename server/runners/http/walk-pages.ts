import type { Pagination } from '../../../shared/nodes/http-pagination.js';
import type { StepOutcome } from '../runner.js';
import type { HttpOutput } from '../../delivery/deliver.js';
import { firstPageUrl, nextPage, pageItems, wholePageItems } from './pagination.js';

/** Fetches one page: the delivered response, or the step outcome that ends the walk (a failure, a deferral). */
export type FetchPage = (url: string, page: number) => Promise<{ ok: true; output: HttpOutput } | { ok: false; outcome: StepOutcome }>;

/**
 * Walks a paginated list: fetches the first page, follows `nextPage` until it says the list is
 * over or `maxPages` pages were fetched, and collects every page's items into one list. The
 * output is `{items, pages, capped, status, next}` (`next`: the page the cap left unfetched).
 */
export async function walkPages(p: Pagination, url: string, fetchPage: FetchPage): Promise<StepOutcome> {
  const first = firstPageUrl(p, url);
  const items: unknown[] = [];
  let target: { url: string; cursor?: string } | undefined = { url: first };
  let pages = 0;
  let status = 0;
  while (target && pages < p.maxPages) {
    const got = await fetchPage(target.url, pages + 1);
    if (!got.ok) return withPages(got.outcome, pages);
    pages += 1;
    status = got.output.status;
    const found = p.wholePages ? { ok: true as const, items: wholePageItems(got.output.body) } : pageItems(got.output.body, p.itemsPath);
    if (!found.ok) return { kind: 'failed', error: { code: 'pagination_items', retryable: false, message: `Page ${pages}: ${found.message}` }, detail: { pages } };
    items.push(...found.items);
    target = nextPage(p, first, {
      url: target.url,
      headers: got.output.headers,
      body: got.output.body,
      fetched: pages,
      collected: items.length,
      itemsOnPage: found.items.length,
      cursor: target.cursor,
    });
  }
  return { kind: 'succeeded', output: { items, pages, capped: target !== undefined, status, next: target?.url ?? null }, detail: { pages, items: items.length } };
}

/** A failure or deferral in the middle of a walk says how many pages had come back. */
function withPages(o: StepOutcome, pages: number): StepOutcome {
  return o.kind === 'failed' || o.kind === 'deferred' ? { ...o, detail: { ...o.detail, pagesBefore: pages } } : o;
}
