import { z } from 'zod';
import type { Http } from './http.js';
import { runDetailSchema, runIdSchema, stepStatusSchema } from './types.js';

/** Run control and loop frames: cancel, replay from a step, bulk replay, a loop's items, one item's steps. */

const enc = encodeURIComponent;
const ts = z.union([z.string(), z.number()]).transform((v) => (typeof v === 'number' ? new Date(v).toISOString() : v));

/** How one item of a loop ended; `frame` opens its steps (`each:3`, nested `outer:1/inner:0`). */
export const loopItemSchema = z.object({
  index: z.number().nullable(),
  frame: z.string(),
  status: stepStatusSchema,
  dropped: z.boolean().default(false),
  output: z.unknown().optional(),
  error: z.unknown().optional(),
  startedAt: ts.nullish(),
  finishedAt: ts.nullish(),
});
export type LoopItem = z.infer<typeof loopItemSchema>;
export const loopItemsSchema = z.object({ items: z.array(loopItemSchema), nextOffset: z.number().nullable() });
export type LoopItemsPage = z.infer<typeof loopItemsSchema>;

/** What a bulk replay answers; `skipped` lists runs that cannot start at their failed step. */
export const bulkReplaySchema = z.object({
  count: z.number(),
  truncated: z.boolean().default(false),
  runIds: z.array(z.string()).default([]),
  skipped: z.array(z.object({ runId: z.string(), reason: z.string(), message: z.string() })).default([]),
});
export type BulkReplayResult = z.infer<typeof bulkReplaySchema>;

export type ReplayVersion = 'original' | 'current';

/** The body of `POST /api/runs/replay`: the filter, where each run starts again, and whether to only count. */
export interface BulkReplayRequest {
  workflowId?: string;
  status?: string;
  errorCode?: string;
  /** The time range of the runs' creation (ISO or epoch ms). */
  from?: string;
  to?: string;
  replayFrom: 'start' | 'failedStep';
  version: ReplayVersion;
  dryRun: boolean;
}

/** Drops empty filter fields, so the server sees only what the person chose. */
const compact = (body: BulkReplayRequest): Record<string, unknown> => Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined && v !== ''));

/** The run-control calls, on the app's one HTTP client. */
export function createRunControlApi({ request }: Pick<Http, 'request'>) {
  return {
    /** One run; `frame` shows the steps of one loop item instead of the top level. */
    get: (id: string, frame = '') => request('GET', `/api/runs/${enc(id)}${frame ? `?frame=${enc(frame)}` : ''}`, runDetailSchema),
    /** How each item of loop `nodeId` ended; `frame` is where the loop itself runs ('' at the top level). */
    items: (id: string, nodeId: string, page: { frame?: string; offset?: number; limit?: number } = {}) => {
      const q = new URLSearchParams();
      if (page.frame) q.set('frame', page.frame);
      q.set('offset', String(page.offset ?? 0));
      q.set('limit', String(page.limit ?? 50));
      return request('GET', `/api/runs/${enc(id)}/loops/${enc(nodeId)}/items?${q}`, loopItemsSchema);
    },
    cancel: (id: string) => request('POST', `/api/runs/${enc(id)}/cancel`, runDetailSchema),
    /** A new run from the same event; from `fromNodeId` on (earlier results reused) when given. */
    replay: (id: string, opts: { fromNodeId?: string; version: ReplayVersion }) => request('POST', `/api/runs/${enc(id)}/replay`, runIdSchema, { body: opts }),
    replayMatching: (body: BulkReplayRequest) => request('POST', '/api/runs/replay', bulkReplaySchema, { body: compact(body) }),
  };
}
export type RunControlApi = ReturnType<typeof createRunControlApi>;
