import type { Fidelity } from './mapper-types.js';
import type { N8nNode } from './n8n-export-schema.js';

/**
 * n8n's HTTP Request pagination (v4 `options.pagination.pagination`) onto the http step's
 * `pagination`. n8n evaluates an expression per page; Switchyard walks by mode, so only the
 * expressions that say what a mode says are recognised: `$pageCount + N` in a query parameter
 * (page numbers), `$response.body.<path>` in a query parameter (a cursor) or as the next URL.
 * Pages are collected whole (`wholePages`), as n8n emits one item per page body. Pure: the
 * data roots read it before mapping, the mapper after.
 */

export interface PaginationMapping {
  /** The step's `pagination`, or undefined when it cannot be expressed (the first page only is fetched). */
  pagination?: Record<string, unknown>;
  notes: Array<[Fidelity, string]>;
}

const N8N_DEFAULT_MAX_REQUESTS = 100;
const MAX_PAGES = 1_000;

/** `={{ $response.body.a.b }}` -> `a.b`; undefined for another expression. */
export function responseBodyPath(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^=\s*\{\{\s*\$response\.body((?:\??\.[A-Za-z_$][\w$]*|\[\s*"[^"\]]+"\s*\]|\[\s*'[^'\]]+'\s*\])+)\s*\}\}\s*$/.exec(value);
  if (!m) return undefined;
  const path = (m[1] ?? '').replace(/\?\./g, '.').replace(/\[\s*'([^']+)'\s*\]/g, '["$1"]');
  return path.startsWith('.') ? path.slice(1) : path;
}

/** `={{ $pageCount + 1 }}` -> 1, `={{ $pageCount }}` -> 0; undefined for another expression. */
function pageCountOffset(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^=\s*\{\{\s*\$pageCount\s*(?:\+\s*(\d{1,6})\s*)?\}\}\s*$/.exec(value);
  return m ? Number(m[1] ?? 0) : undefined;
}

/** True when `expression` says "the body has no <path>": `!$response.body.x`, `$response.body.x == null`, `=== ''`. */
function saysMissing(expression: unknown, path: string): boolean {
  if (typeof expression !== 'string') return false;
  const inner = /^=?\s*\{\{([\s\S]*)\}\}\s*$/.exec(expression)?.[1]?.trim() ?? '';
  const read = `$response.body.${path}`.replace(/\?\./g, '.');
  const plain = inner.replace(/\?\./g, '.').replace(/\s+/g, ' ');
  const candidates = [`!${read}`, `${read} == null`, `${read} === null`, `${read} === undefined`, `${read} === ''`, `${read} === ""`];
  return candidates.includes(plain);
}

function asList(v: unknown): Array<Record<string, unknown>> {
  const list = Array.isArray(v) ? v : v && typeof v === 'object' && Array.isArray((v as { parameters?: unknown }).parameters) ? (v as { parameters: unknown[] }).parameters : [];
  return list.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object');
}

type Notes = Array<[Fidelity, string]>;
/** The walk's mode and fields, with the body path it follows (`''` for page numbers), or why it cannot be mapped. */
type Walk = { fields: Record<string, unknown>; follows: string } | { manual: string };

/** Which page comes next: a next URL, a cursor or a page number from n8n's mode and its one parameter. */
function walkOf(settings: Record<string, unknown>, query: readonly string[], notes: Notes): Walk {
  // n8n leaves defaults out of its export: the mode's default is updating a parameter.
  const modeName = String(settings.paginationMode ?? 'updateAParameterInEachRequest');
  if (modeName === 'responseContainsNextURL') {
    const path = responseBodyPath(settings.nextURL);
    if (path === undefined) return { manual: `the next URL ${JSON.stringify(settings.nextURL ?? '')} is not a field of the response body` };
    return { fields: { mode: 'next-url', nextUrlPath: path }, follows: path };
  }
  if (modeName !== 'updateAParameterInEachRequest') return { manual: `the mode "${modeName}" is unknown` };
  const params = asList(settings.parameters);
  if (params.length !== 1) return { manual: `${params.length} parameters change per page; the HTTP step changes one` };
  const [only] = params as [Record<string, unknown>];
  const type = String(only.type ?? 'qs');
  const name = String(only.name ?? '');
  if (type !== 'qs') return { manual: `the ${type} parameter "${name}" changes per page; the HTTP step pages with a query parameter` };
  if (!name) return { manual: 'the parameter that changes per page has no name' };
  const cursorPath = responseBodyPath(only.value);
  if (cursorPath !== undefined) return { fields: { mode: 'cursor', cursorPath, cursorParam: name }, follows: cursorPath };
  const offset = pageCountOffset(only.value);
  if (offset === undefined) return { manual: `the value ${JSON.stringify(only.value ?? '')} of "${name}" is neither $pageCount + N nor a field of $response.body` };
  if (!query.includes(name)) notes.push(['approximated', `the first page also sends ${name}=${offset} (n8n sends it from the second page on, as ${offset + 1}, ${offset + 2}, ...)`]);
  return { fields: { mode: 'page', pageParam: name, startPage: offset }, follows: '' };
}

/** n8n's *Complete When* against where the walk stops: silent when they agree, a report line otherwise. */
function stopNotes(settings: Record<string, unknown>, follows: string, notes: Notes): void {
  const complete = String(settings.paginationCompleteWhen ?? 'responseIsEmpty');
  const stopsAt = follows ? `when a page has no ${follows}` : 'at an empty page';
  // The same condition as the mode's own stop: exact.
  if (complete === 'other' && follows && saysMissing(settings.completeExpression, follows)) return;
  if (complete === 'responseIsEmpty' && !follows) return;
  if (complete === 'receiveSpecificStatusCodes')
    notes.push(['approximated', `n8n stopped at status ${String(settings.statusCodesWhenComplete ?? '')}; here the walk stops ${stopsAt}, and an error status fails the step`]);
  else if (complete === 'other') notes.push(['approximated', `n8n stopped when ${JSON.stringify(settings.completeExpression ?? '')} held; here the walk stops ${stopsAt}`]);
  else notes.push(['approximated', `n8n stopped at an empty response; here the walk stops ${stopsAt}`]);
}

/** Maps n8n's pagination settings; `query` says which query parameters the request already sends. */
export function mapPagination(settings: Record<string, unknown>, query: readonly string[] = []): PaginationMapping {
  const notes: Notes = [];
  if (settings.paginationMode === 'off') return { notes };
  const walk = walkOf(settings, query, notes);
  if ('manual' in walk) return { notes: [['manual', `pagination is not imported (${walk.manual}): only the first page is fetched`]] };
  stopNotes(settings, walk.follows, notes);
  const limited = settings.limitPagesFetched === true;
  const wanted = limited ? Number(settings.maxRequests ?? N8N_DEFAULT_MAX_REQUESTS) : MAX_PAGES;
  const maxPages = Number.isFinite(wanted) ? Math.min(MAX_PAGES, Math.max(1, Math.floor(wanted))) : MAX_PAGES;
  if (!limited) notes.push(['approximated', `n8n fetched pages without a cap; here at most ${MAX_PAGES}`]);
  else if (maxPages !== wanted) notes.push(['approximated', `n8n fetched at most ${String(settings.maxRequests)} pages; here ${maxPages}`]);
  const interval = Number(settings.requestInterval ?? 0);
  if (interval > 0) notes.push(['approximated', `n8n waited ${interval} ms between pages; here pages follow each other at once (the delivery rate limits apply)`]);
  return { pagination: { wholePages: true, ...walk.fields, maxPages }, notes };
}

/** The n8n node's pagination settings, or undefined when it has none. */
export function paginationSettings(parameters: Record<string, unknown>): Record<string, unknown> | undefined {
  const options = parameters.options as { pagination?: { pagination?: unknown } } | undefined;
  const s = options?.pagination?.pagination;
  return s && typeof s === 'object' ? (s as Record<string, unknown>) : undefined;
}

/** True for an HTTP Request whose pagination maps: its output lists the pages in `items`. */
export function isPagedHttp(n: N8nNode): boolean {
  const settings = paginationSettings(n.parameters);
  return settings !== undefined && mapPagination(settings).pagination !== undefined;
}
