import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import type { TriggerService } from '../services/trigger-service.js';
import { MAX_GRACE_SECONDS } from '../services/trigger-service.js';
import { parseCursor, type RejectionList } from '../ingest/rejection-list.js';
import type { RejectionStats } from '../verify/rejection-counter.js';
import { parseInput } from './errors.js';
import { lazySchema } from '../../shared/lazy-schema.js';

const rotateSchema = lazySchema(() =>
  z
    .object({ graceSeconds: z.number().int().min(0).max(MAX_GRACE_SECONDS).default(0) })
    .strict()
    .default({ graceSeconds: 0 }),
);

// The query parser gives arrays for repeated keys: each of these must be one short string.
const inboxQuerySchema = lazySchema(() =>
  z.object({
    nodeId: z.string().min(1).max(64).optional(),
    cursor: z.string().max(20).optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'a whole number from 1 to 200')
      .optional(),
  }),
);

export interface TriggersRouteDeps {
  triggers: TriggerService;
  inbox: RejectionList;
  /** Per-trigger refusal counts (the existing counter), shown beside the inbox. */
  stats: { forWorkflow(workflowId: string): Promise<Record<string, RejectionStats>> };
  workflowExists: (id: string) => Promise<boolean>;
  /** Routers mounted at the same path, tried after these routes (the trigger stats routes of credentials). */
  then?: Router[];
}

/**
 * Trigger URLs of a workflow, mounted at /api/workflows behind auth:
 * `GET /:id/triggers` -> {triggers: [TriggerView]} (URL, previous URLs, rate limit, current rate, allow-list, refusals);
 * `POST /:id/triggers/:nodeId/rotate` {graceSeconds?} -> {trigger: TriggerView};
 * `GET /:id/rejections?nodeId=&cursor=&limit=` -> {items, nextCursor, triggers: {<nodeId>: stats}} (the last day, newest first).
 */
export function createTriggersRouter(d: TriggersRouteDeps): Router {
  const r = Router();
  r.get('/:id/triggers', async (req, res) => {
    res.json({ triggers: await d.triggers.list(req.params.id) });
  });
  r.post('/:id/triggers/:nodeId/rotate', async (req, res) => {
    const { graceSeconds } = parseInput(rotateSchema, req.body ?? {});
    res.json({ trigger: await d.triggers.rotate(req.params.id, req.params.nodeId, graceSeconds) });
  });
  r.get('/:id/rejections', async (req, res) => {
    const q = parseInput(inboxQuerySchema, req.query, 'query');
    const limit = q.limit === undefined ? 50 : Number(q.limit);
    if (limit < 1 || limit > 200) throw new AppError('BAD_REQUEST', 400, 'The query is not valid: limit: a whole number from 1 to 200.');
    if (q.cursor !== undefined && parseCursor(q.cursor) === undefined) {
      throw new AppError('BAD_REQUEST', 400, 'The query is not valid: cursor: use the nextCursor of the previous page.');
    }
    if (!(await d.workflowExists(req.params.id))) throw new AppError('NOT_FOUND', 404, `There is no workflow with id "${req.params.id.slice(0, 100)}".`);
    const page = await d.inbox.page(req.params.id, { nodeId: q.nodeId, cursor: q.cursor, limit });
    res.json({ ...page, triggers: await d.stats.forWorkflow(req.params.id) });
  });
  for (const next of d.then ?? []) r.use(next);
  return r;
}
