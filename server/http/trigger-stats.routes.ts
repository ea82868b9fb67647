import { Router } from 'express';
import { AppError } from '../../shared/errors.js';
import type { RejectionCounter } from '../verify/rejection-counter.js';

/**
 * Refused trigger requests, mounted at /api/workflows behind auth (after the workflows router):
 * `GET /:id/triggers/:nodeId/rejections` -> {lastHour, lastDay, byReason, hourly, lastAt};
 * `GET /:id/rejections` (the inbox, with these stats as `triggers`) lives in triggers.routes.ts.
 */
export function createTriggerStatsRouter(deps: { rejections: Pick<RejectionCounter, 'forTrigger' | 'forWorkflow'>; workflowExists: (id: string) => Promise<boolean> }): Router {
  const r = Router();
  const known = async (id: string) => {
    if (!(await deps.workflowExists(id))) throw new AppError('NOT_FOUND', 404, `No workflow ${id.slice(0, 100)} exists.`);
  };
  r.get('/:id/triggers/:nodeId/rejections', async (req, res) => {
    await known(req.params.id);
    res.json(await deps.rejections.forTrigger(req.params.id, req.params.nodeId));
  });
  return r;
}
