import { Router } from 'express';
import { z } from 'zod';
import type { RunService } from '../services/run-service.js';
import { parseInput } from './errors.js';

const str = z.string().max(200).optional();

/** Runs: a filtered, paginated list, the detail with every step, and replay. */
export function createRunsRouter(runs: RunService): Router {
  const r = Router();
  r.get('/', (req, res) => {
    const q = parseInput(z.object({ workflowId: str, status: str, limit: str, cursor: str, from: str, to: str, errorCode: str }), req.query, 'query');
    res.json(runs.list(q));
  });
  r.post('/replay', async (req, res) => {
    const body = parseInput(
      z.object({
        workflowId: str,
        status: str,
        errorCode: str,
        from: z.union([z.string().max(40), z.number()]).optional(),
        to: z.union([z.string().max(40), z.number()]).optional(),
        dryRun: z.boolean().default(false),
        version: z.enum(['current', 'original']).default('current'),
        max: z.number().int().min(1).max(1000).default(1000),
      }),
      req.body,
    );
    const { dryRun, version, max, ...filter } = body;
    const result = await runs.replayMatching(filter, { dryRun, version, max });
    res.status(dryRun ? 200 : 202).json(result);
  });
  r.get('/:id', (req, res) => {
    res.json(runs.detail(req.params.id));
  });
  r.post('/:id/cancel', async (req, res) => {
    res.json(await runs.cancel(req.params.id));
  });
  r.post('/:id/replay', async (req, res) => {
    const { version } = parseInput(z.object({ version: z.enum(['current', 'original']).default('current') }).default({ version: 'current' }), req.body ?? {});
    res.status(202).json({ runId: await runs.replay(req.params.id, version) });
  });
  return r;
}
