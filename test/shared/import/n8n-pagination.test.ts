import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertN8nWorkflow } from '../../../shared/import/n8n/convert.js';
import { mapPagination, responseBodyPath } from '../../../shared/import/n8n/pagination.js';
import { paginationSchema } from '../../../shared/nodes/http-pagination.js';

const FIXTURE = '32-http-pagination-cursor.json';
const convert = (edit: (text: string) => string = (t) => t) => {
  const r = convertN8nWorkflow(JSON.parse(edit(readFileSync(join(import.meta.dirname, '../../fixtures/n8n', FIXTURE), 'utf8'))));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { ...r, node: (id: string) => r.workflow.nodes.find((n) => n.id === id), entry: (name: string) => r.report.nodes.find((n) => n.n8nName === name) };
};
const cursor = { parameters: { parameters: [{ name: 'cursor', value: '={{ $response.body.meta.next_cursor }}' }] } };
const text = (m: ReturnType<typeof mapPagination>) => m.notes.map(([f, t]) => `${f}: ${t}`).join('\n');

describe('n8n HTTP Request pagination', () => {
  it('reads a field of $response.body, dotted, optional or bracketed, and nothing else', () => {
    expect(responseBodyPath('={{ $response.body.next }}')).toBe('next');
    expect(responseBodyPath('={{ $response.body?.links?.next }}')).toBe('links.next');
    expect(responseBodyPath("={{ $response.body['next-page'] }}")).toBe('["next-page"]');
    expect(responseBodyPath('={{ $response.headers.link }}')).toBeUndefined();
    expect(responseBodyPath('={{ $response.body.next + "&x=1" }}')).toBeUndefined();
  });

  it('maps a cursor from the body, stopping when it is missing, exactly', () => {
    const m = mapPagination({ ...cursor, paginationCompleteWhen: 'other', completeExpression: '={{ !$response.body.meta.next_cursor }}', limitPagesFetched: true, maxRequests: 20 });
    expect(m.pagination).toEqual({ wholePages: true, mode: 'cursor', cursorPath: 'meta.next_cursor', cursorParam: 'cursor', maxPages: 20 });
    expect(m.notes).toEqual([]);
    expect(paginationSchema.safeParse(m.pagination).success).toBe(true);
  });

  it('maps $pageCount + N to page numbers, exact when the first page already sends the parameter', () => {
    const page = { parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] }, limitPagesFetched: true, maxRequests: 5 };
    expect(mapPagination(page, ['page'])).toEqual({ pagination: { wholePages: true, mode: 'page', pageParam: 'page', startPage: 1, maxPages: 5 }, notes: [] });
    expect(text(mapPagination(page))).toContain('approximated: the first page also sends page=1 (n8n sends it from the second page on, as 2, 3, ...)');
    expect(mapPagination({ ...page, parameters: { parameters: [{ name: 'p', value: '={{ $pageCount }}' }] } }, ['p']).pagination).toMatchObject({ mode: 'page', startPage: 0 });
  });

  it('maps a next URL from the body; other stop conditions, no cap and an interval are approximated and said', () => {
    const m = mapPagination({
      paginationMode: 'responseContainsNextURL',
      nextURL: '={{ $response.body.links.next }}',
      paginationCompleteWhen: 'receiveSpecificStatusCodes',
      statusCodesWhenComplete: '404',
      requestInterval: 500,
    });
    expect(m.pagination).toEqual({ wholePages: true, mode: 'next-url', nextUrlPath: 'links.next', maxPages: 1000 });
    expect(text(m)).toBe(
      [
        'approximated: n8n stopped at status 404; here the walk stops when a page has no links.next, and an error status fails the step',
        'approximated: n8n fetched pages without a cap; here at most 1000',
        'approximated: n8n waited 500 ms between pages; here pages follow each other at once (the delivery rate limits apply)',
      ].join('\n'),
    );
    expect(text(mapPagination({ ...cursor, paginationCompleteWhen: 'other', completeExpression: '={{ $response.body.has_more === false }}', limitPagesFetched: true }))).toContain(
      'approximated: n8n stopped when "={{ $response.body.has_more === false }}" held; here the walk stops when a page has no meta.next_cursor',
    );
    expect(mapPagination({ ...cursor, limitPagesFetched: true, maxRequests: 5000 }).pagination).toMatchObject({ maxPages: 1000 });
  });

  it('leaves what the step cannot page with to the person, never silently', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ parameters: { parameters: [{ type: 'body', name: 'offset', value: '={{ $pageCount * 50 }}' }] } }, 'the body parameter "offset" changes per page'],
      [{ parameters: { parameters: [{ type: 'headers', name: 'x-page', value: '={{ $pageCount + 1 }}' }] } }, 'the headers parameter "x-page" changes per page'],
      [{ parameters: { parameters: [{ name: 'offset', value: '={{ $pageCount * 50 }}' }] } }, 'is neither $pageCount + N nor a field of $response.body'],
      [{ parameters: { parameters: [] } }, '0 parameters change per page'],
      [{ paginationMode: 'responseContainsNextURL', nextURL: '={{ $response.headers.link }}' }, 'is not a field of the response body'],
    ];
    for (const [settings, why] of cases) {
      const m = mapPagination(settings);
      expect(m.pagination).toBeUndefined();
      expect(m.notes).toHaveLength(1);
      expect(text(m)).toContain(why);
      expect(text(m)).toMatch(/^manual: pagination is not imported \(.*\): only the first page is fetched$/);
    }
  });

  it('converts a paginated request: the step pages, per-page nodes get a loop, Code reads every page', () => {
    const r = convert();
    expect(r.node('list_contacts')?.config.pagination).toEqual({ wholePages: true, mode: 'cursor', cursorPath: 'next_cursor', cursorParam: 'cursor', maxPages: 10 });
    expect(r.entry('List contacts')?.fidelity).toBe('exact');
    const loop = r.workflow.nodes.find((n) => n.type === 'loop');
    expect(loop?.config.items).toBe('{{ [].concat(steps.list_contacts?.items ?? []) }}');
    expect(r.workflow.edges.map((e) => `${e.source}->${e.target}`)).toEqual(expect.arrayContaining([`list_contacts->${loop?.id}`, `${loop?.id}->log_page`, 'list_contacts->count']));
    expect(JSON.stringify(r.node('log_page')?.config.body)).toContain('input.data[0].email');
    expect(String(r.node('count')?.config.code)).toContain('steps.list_contacts?.items');
  });

  it('keeps the first page only, reading .body, where the pagination cannot be mapped', () => {
    const r = convert((t) => t.replace('"name": "cursor"', '"type": "body", "name": "cursor"'));
    expect(r.node('list_contacts')?.config.pagination).toBeUndefined();
    expect(r.entry('List contacts')?.fidelity).toBe('manual');
    expect(r.workflow.nodes.some((n) => n.type === 'loop')).toBe(false);
    expect(JSON.stringify(r.node('log_page')?.config.body)).toContain('input.body.data[0].email');
  });
});
