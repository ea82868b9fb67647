import { z } from 'zod';
import { pathSegments } from '../graph/templates.js';
import { lazySchema } from '../lazy-schema.js';

/** A JSON path into a response body (`data.items`, `meta.next`); empty: the body itself. */
const bodyPath = lazySchema(() =>
  z
    .string()
    .max(500)
    .refine((p) => p === '' || pathSegments(p) !== undefined, 'a path like data.items or meta["next-page"]'),
);

const param = lazySchema(() => z.string().min(1).max(100));

/**
 * Walking a list API page by page. `mode` says where the next page is: the `Link: <...>;
 * rel="next"` header (RFC 8288), a next URL in the body (`nextUrlPath`), a cursor in the body
 * sent back as the query parameter `cursorParam`, or counting (`offset`: the items seen so far
 * in `offsetParam`; `page`: the page number in `pageParam` from `startPage`). Every page's
 * items (`itemsPath`) are collected into one list; `maxPages` caps the walk.
 */
export const paginationSchema = lazySchema(() =>
  z.object({
    mode: z.enum(['link-header', 'next-url', 'cursor', 'offset', 'page']),
    itemsPath: bodyPath.default('').describe('Where each page keeps its items, e.g. data.items; empty: the body is the list.'),
    /** n8n's way (its import relies on it): each page's body is one item, a list body adds its entries, an empty body none. */
    wholePages: z.boolean().optional().describe('Collect each page body as one item (a list body adds its entries); itemsPath is then not read.'),
    maxPages: z.number().int().min(1).max(1_000).default(10).describe('Pages fetched at most; the output says when the cap stopped the walk.'),
    nextUrlPath: bodyPath.optional().describe('next-url: where the body names the next page, e.g. links.next.'),
    cursorPath: bodyPath.optional().describe('cursor: where the body holds the next cursor, e.g. meta.next_cursor.'),
    cursorParam: param.default('cursor').describe('cursor: the query parameter that sends it back.'),
    offsetParam: param.default('offset').describe('offset: the query parameter of the offset.'),
    pageParam: param.default('page').describe('page: the query parameter of the page number.'),
    startPage: z.number().int().min(0).max(1_000_000).default(1),
    /** offset, page: the page size to ask for (in `limitParam`); a shorter page ends the walk. */
    pageSize: z.number().int().min(1).max(10_000).optional(),
    limitParam: param.default('limit'),
  }),
);
export type Pagination = z.infer<typeof paginationSchema>;
