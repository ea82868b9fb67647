import { describe, expect, it } from 'vitest';
import { firstPageUrl, linkNext, nextPage, pageItems, wholePageItems } from '../../../server/runners/http/pagination.js';
import { paginationSchema } from '../../../shared/nodes/http-pagination.js';

const seen = (over: Partial<Parameters<typeof nextPage>[2]> = {}) => ({ url: 'https://api.example/x', headers: {}, body: null, fetched: 1, collected: 3, itemsOnPage: 3, cursor: undefined, ...over });

describe('pagination', () => {
  it('reads rel="next" from a Link header, among other relations and quoting styles, relative to the page', () => {
    expect(linkNext('<https://a.example/p?page=2>; rel="next", <https://a.example/p?page=9>; rel="last"', 'https://a.example/p')).toBe('https://a.example/p?page=2');
    expect(linkNext('</p?page=3>; rel=next', 'https://a.example/p?page=2')).toBe('https://a.example/p?page=3');
    expect(linkNext('<https://a.example/1>; rel="prev first"', 'https://a.example/')).toBeUndefined();
    expect(linkNext('<https://a.example/2>; title="x"; rel="prefetch next"', 'https://a.example/')).toBe('https://a.example/2');
    expect(linkNext(undefined, 'https://a.example/')).toBeUndefined();
  });

  it('finds the items and the next page in each mode, and stops when the list is over', () => {
    const p = (o: Record<string, unknown>) => paginationSchema.parse(o);
    expect(pageItems({ data: { items: [1] } }, 'data.items')).toEqual({ ok: true, items: [1] });
    expect(pageItems({ data: {} }, 'data.items').ok).toBe(false);
    expect(nextPage(p({ mode: 'next-url', nextUrlPath: 'next' }), 'https://api.example/x', seen({ body: { next: '/x?after=5' } }))).toEqual({ url: 'https://api.example/x?after=5' });
    expect(nextPage(p({ mode: 'next-url', nextUrlPath: 'next' }), 'https://api.example/x', seen({ body: { next: null } }))).toBeUndefined();
    expect(nextPage(p({ mode: 'cursor', cursorPath: 'c' }), 'https://api.example/x?q=1', seen({ body: { c: 'abc' } }))).toEqual({ url: 'https://api.example/x?q=1&cursor=abc', cursor: 'abc' });
    // A cursor that does not move would loop forever.
    expect(nextPage(p({ mode: 'cursor', cursorPath: 'c' }), 'https://api.example/x', seen({ body: { c: 'abc' }, cursor: 'abc' }))).toBeUndefined();
    const offset = p({ mode: 'offset', pageSize: 3 });
    expect(firstPageUrl(offset, 'https://api.example/x')).toBe('https://api.example/x?offset=0&limit=3');
    expect(nextPage(offset, 'https://api.example/x', seen({ collected: 6 }))).toEqual({ url: 'https://api.example/x?offset=6&limit=3' });
    expect(nextPage(offset, 'https://api.example/x', seen({ itemsOnPage: 2 }))).toBeUndefined();
    const page = p({ mode: 'page', startPage: 0, pageParam: 'p' });
    expect(nextPage(page, 'https://api.example/x', seen({ fetched: 2 }))).toEqual({ url: 'https://api.example/x?p=2' });
    expect(nextPage(page, 'https://api.example/x', seen({ itemsOnPage: 0 }))).toBeUndefined();
  });

  it('collects whole pages as n8n does: a list adds its entries, an empty body none, an object itself', () => {
    expect(wholePageItems([1, 2])).toEqual([1, 2]);
    expect(wholePageItems({ data: [1], next: 'c2' })).toEqual([{ data: [1], next: 'c2' }]);
    for (const empty of [undefined, null, '', {}, []]) expect(wholePageItems(empty)).toEqual([]);
    expect(paginationSchema.parse({ mode: 'cursor', wholePages: true }).wholePages).toBe(true);
  });
});
