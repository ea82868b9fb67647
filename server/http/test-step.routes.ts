import { Router } from 'express';
import { z } from 'zod';
import type { TestStep } from '../services/test-step.js';
import { parseInput } from './errors.js';
import { eventSchema } from './workflows.routes.js';

/**
 * `POST /api/workflows/:id/test-step` (mounted under /api/workflows): body `{nodeId, event?}`;
 * `200 {nodeId, status, output | error, logs}`. The step runs once, on the sample (or `event`)
 * and the pinned outputs before it; nothing is stored and nothing after it runs.
 */
export function createTestStepRouter(d: { testStep: TestStep }): Router {
  const r = Router();
  r.post('/:id/test-step', async (req, res) => {
    const body = parseInput(z.object({ nodeId: z.string().min(1).max(64), event: eventSchema.optional() }), req.body ?? {});
    // A client that goes away stops the step (an HTTP call in flight is aborted).
    const ctrl = new AbortController();
    res.on('close', () => ctrl.abort());
    res.json(await d.testStep(req.params.id, body.nodeId, body.event, ctrl.signal));
  });
  return r;
}
