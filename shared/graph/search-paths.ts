import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';

/** How many trigger-body paths a workflow may declare searchable (each costs an index write per event). */
export const MAX_SEARCH_PATHS = 5;

/** A path into the trigger body, as the runs search's `where` names it: `trigger.body.data.object.id`, `trigger.body.items[0].sku`. */
const SEARCH_PATH = /^trigger\.body(\.[A-Za-z0-9_$-]+(\[\d{1,6}\])*)+$/;

/**
 * `settings.searchPaths`: trigger-body paths the store keeps an index for, so a run search of
 * this workflow by one of them (`GET /api/runs?workflowId=&where=<path>=<value>`) is complete in
 * one call on every store (docs/api.md, "Finding runs").
 */
export const searchPathsSchema = lazySchema(() =>
  z
    .array(z.string().trim().regex(SEARCH_PATH, 'a search path is a path into the trigger body, such as trigger.body.data.object.id'))
    .max(MAX_SEARCH_PATHS, `at most ${MAX_SEARCH_PATHS} search paths`)
    .refine((paths) => new Set(paths).size === paths.length, 'each search path once'),
);
