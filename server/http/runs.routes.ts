import { Router } from 'express';
import { z } from 'zod';
import type { RunService } from '../services/run-service.js';
import { parseInput } from './errors.js';

const str = z.string().max(200).optional();

/** Runs: a filtered, paginated list, the detail with every step, and replay. */
export function createRunsRouter(runs: RunService): Router {
  const r = Router();
  r.get('/', (req, res) => {
    const q = parseInput(z.object({ workflowId: str, status: str, limit: str, cursor: str }), req.query, 'query');
    res.json(runs.list(q));
  });
  r.get('/:id', (req, res) => {
    res.json(runs.detail(req.params.id));
  });
  r.post('/:id/replay', async (req, res) => {
    const { version } = parseInput(z.object({ version: z.enum(['current', 'original']).default('current') }).default({ version: 'current' }), req.body ?? {});
    res.status(202).json({ runId: await runs.replay(req.params.id, version) });
  });
  return r;
}
