import { Router } from 'express';
import { z } from 'zod';
import type { RunService } from '../services/run-service.js';
import { parseInput } from './errors.js';
import { graphIdSchema } from '../../shared/graph/workflow-schema.js';
import { lazySchema } from '../../shared/lazy-schema.js';

const str = lazySchema(() => z.string().max(200).optional());

/** Runs: a filtered, paginated list, the detail with every step, and replay. */
/** A frame key as stored: `loop:3`, nested `outer:1/inner:0`. */
const frameSchema = lazySchema(() =>
  z
    .string()
    .max(1000)
    .regex(/^$|^[A-Za-z_][A-Za-z0-9_-]*:\d+(\/[A-Za-z_][A-Za-z0-9_-]*:\d+)*$/, 'a loop frame such as loop:3'),
);

export function createRunsRouter(runs: RunService): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    const q = parseInput(
      z.object({ workflowId: str, status: str, limit: str, cursor: str, from: str, to: str, errorCode: str, dedupeKey: z.string().max(255).optional(), where: z.string().max(1000).optional() }),
      req.query,
      'query',
    );
    res.json(await runs.list(q));
  });
  r.post('/replay', async (req, res) => {
    const body = parseInput(
      z.object({
        workflowId: str,
        status: str,
        errorCode: str,
        from: z
          .union([z.string().max(40), z.number()])
          .optional()
          .refine((v) => v !== 'failedStep' && v !== 'start', '"from" is the start of the time range; to replay each run from its failed step send "replayFrom": "failedStep"'),
        to: z.union([z.string().max(40), z.number()]).optional(),
        dryRun: z.boolean().default(false),
        version: z.enum(['current', 'original']).default('current'),
        max: z.number().int().min(1).max(1000).default(1000),
        /** `start`: replay whole runs (default). `failedStep`: each run from the step that failed it. */
        replayFrom: z.enum(['start', 'failedStep']).default('start'),
      }),
      req.body,
    );
    const { dryRun, version, max, replayFrom, ...filter } = body;
    const result = await runs.replayMatching(filter, { dryRun, version, max, replayFrom });
    res.status(dryRun ? 200 : 202).json(result);
  });
  r.get('/:id', async (req, res) => {
    const { frame } = parseInput(z.object({ frame: frameSchema.default('') }), req.query, 'query');
    res.json(await runs.detail(req.params.id, frame));
  });
  r.get('/:id/loops/:nodeId/items', async (req, res) => {
    const q = parseInput(
      z.object({ frame: frameSchema.default(''), offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      req.query,
      'query',
    );
    const { nodeId } = parseInput(z.object({ nodeId: graphIdSchema }), req.params, 'path');
    res.json(await runs.iterations(req.params.id, nodeId, q.frame, q));
  });
  r.post('/:id/cancel', async (req, res) => {
    res.json(await runs.cancel(req.params.id));
  });
  r.post('/:id/replay', async (req, res) => {
    const { version, fromNodeId } = parseInput(
      z.object({ version: z.enum(['current', 'original']).default('current'), fromNodeId: graphIdSchema.optional() }).default({ version: 'current' }),
      req.body ?? {},
    );
    res.status(202).json({ runId: await runs.replay(req.params.id, version, fromNodeId) });
  });
  return r;
}
