import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../support/test-app.js';
import { runOnce } from '../../support/run-once.js';
import { edge, node } from '../../support/workflows.js';

const PAGES = 25;
const PER_PAGE = 3;
const itemsOf = (page: number) => Array.from({ length: PER_PAGE }, (_, i) => ({ id: (page - 1) * PER_PAGE + i + 1 }));

/**
 * A list API on 127.0.0.1 with 25 pages of 3 items, reachable five ways: `/link?page=N` (Link
 * header), `/next?page=N` (next URL in the body), `/cursor?cursor=cN` (cursor in the body),
 * `/offset?offset=K&limit=3`, `/page?page=N&limit=3`. It records every URL it served.
 */
function listApi(): Promise<{ base: string; seen: string[]; close: () => Promise<void> }> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(url.pathname + url.search);
    const q = url.searchParams;
    const send = (body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(200, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const n = (name: string, dflt: number) => Number(q.get(name) ?? dflt);
    switch (url.pathname) {
      case '/link': {
        const page = n('page', 1);
        return send(itemsOf(page), page < PAGES ? { link: `</link?page=${page + 1}>; rel="next", </link?page=${PAGES}>; rel="last"` } : {});
      }
      case '/next': {
        const page = n('page', 1);
        return send({ data: { items: itemsOf(page) }, links: { next: page < PAGES ? `http://${req.headers.host}/next?page=${page + 1}` : null } });
      }
      case '/cursor': {
        const page = q.get('cursor') ? Number(q.get('cursor')?.slice(1)) : 1;
        return send({ results: itemsOf(page), meta: { next_cursor: page < PAGES ? `c${page + 1}` : '' } });
      }
      case '/offset': {
        const page = n('offset', 0) / n('limit', PER_PAGE) + 1;
        return send({ rows: page <= PAGES ? itemsOf(page) : [] });
      }
      case '/page': {
        const page = n('page', 1);
        return send({ rows: page <= PAGES ? itemsOf(page) : [] });
      }
      default:
        res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ base: `http://127.0.0.1:${port}`, seen, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

describe('http step pagination', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  let api: Awaited<ReturnType<typeof listApi>>;
  beforeAll(async () => {
    t = await startTestApp();
    api = await listApi();
  });
  afterAll(async () => {
    await t.stop();
    await api.close();
  });

  type Output = { items: { id: number }[]; pages: number; capped: boolean; next: string | null };
  const walk = async (path: string, pagination: Record<string, unknown>) => {
    api.seen.length = 0;
    const run = await runOnce(
      t,
      {
        name: `pages ${path} ${JSON.stringify(pagination)}`,
        nodes: [node('hook', 'webhook'), node('list', 'http', { method: 'GET', url: `${api.base}${path}`, pagination }), node('each', 'loop', { items: '{{ steps.list.items }}' })],
        edges: [edge('hook', 'list'), edge('list', 'each')],
      },
      {},
    );
    expect(run.status, JSON.stringify(run.steps.map((s: { nodeId: string; error?: unknown }) => [s.nodeId, s.error]))).toBe('succeeded');
    return run.steps.find((s: { nodeId: string }) => s.nodeId === 'list').output as Output;
  };
  const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it.each([
    ['/link', { mode: 'link-header' }],
    ['/next', { mode: 'next-url', itemsPath: 'data.items', nextUrlPath: 'links.next' }],
    ['/cursor', { mode: 'cursor', itemsPath: 'results', cursorPath: 'meta.next_cursor', cursorParam: 'cursor' }],
    ['/offset', { mode: 'offset', itemsPath: 'rows', pageSize: PER_PAGE }],
    ['/page', { mode: 'page', itemsPath: 'rows', pageSize: PER_PAGE }],
  ])('%s: stops at the cap of 10 of 25 pages with the items of those pages in order', async (path, pagination) => {
    const out = await walk(path, { ...pagination, maxPages: 10 });
    expect(out.pages).toBe(10);
    expect(out.capped).toBe(true);
    expect(out.items.map((i) => i.id)).toEqual(ids(30));
    expect(api.seen).toHaveLength(10);
    expect(out.next).toContain('127.0.0.1');
  });

  it('walks all 25 pages when the cap allows, sending each mode its own parameters', async () => {
    const link = await walk('/link', { mode: 'link-header', maxPages: 100 });
    expect(link).toMatchObject({ pages: 25, capped: false, next: null });
    expect(link.items.map((i) => i.id)).toEqual(ids(75));
    expect(api.seen.slice(0, 2)).toEqual(['/link', '/link?page=2']);
    const offset = await walk('/offset', { mode: 'offset', itemsPath: 'rows', pageSize: PER_PAGE, maxPages: 100 });
    // The 26th request finds an empty page: the walk ends there.
    expect(offset).toMatchObject({ pages: 26, capped: false });
    expect(offset.items).toHaveLength(75);
    expect(api.seen.slice(0, 2)).toEqual(['/offset?offset=0&limit=3', '/offset?offset=3&limit=3']);
    const cursor = await walk('/cursor', { mode: 'cursor', itemsPath: 'results', cursorPath: 'meta.next_cursor', maxPages: 100 });
    expect(cursor).toMatchObject({ pages: 25, capped: false });
    expect(api.seen[1]).toBe('/cursor?cursor=c2');
    const page = await walk('/page', { mode: 'page', itemsPath: 'rows', maxPages: 100 });
    expect(api.seen[0]).toBe('/page?page=1');
    expect(page.items).toHaveLength(75);
  });

  it('fails clearly when the items path does not lead to a list', async () => {
    const run = await runOnce(
      t,
      {
        name: 'bad items',
        nodes: [node('hook', 'webhook'), node('list', 'http', { method: 'GET', url: `${api.base}/next`, pagination: { mode: 'next-url', itemsPath: 'data.nope', nextUrlPath: 'links.next' } })],
        edges: [edge('hook', 'list')],
      },
      {},
    );
    expect(run.status).toBe('failed');
    const error = run.steps.find((s: { nodeId: string }) => s.nodeId === 'list').error;
    expect(error).toMatchObject({ code: 'pagination_items' });
    expect(error.message).toContain('Page 1: The response has no list at "data.nope"');
  });
});
