import { Router } from 'express';
import { AppError } from '../../shared/errors.js';
import { buildBundle } from '../cli/export-all.command.js';
import { importBundle } from '../cli/import-bundle.command.js';
import type { Clock } from '../lib/clock.js';
import type { WorkflowService } from '../services/workflow-service.js';
import type { VariablePort } from '../store/ports/variables.js';

/**
 * Workflow bundles through the API (mounted under /api/workflows): `GET /:id/export` answers the
 * bundle of one workflow with the variables it reads (plain ones with values, secret ones by
 * name; never credentials), `POST /import` takes such a bundle and answers 201 with what it
 * created. A bundle holding sealed credentials is refused here: the CLI imports those.
 */
export function createBundleRouter(d: { workflows: WorkflowService; variables: Pick<VariablePort, 'list' | 'get' | 'insert'>; clock: Clock }): Router {
  const r = Router();
  r.get('/:id/export', async (req, res) => {
    const one = await d.workflows.get(req.params.id);
    const scoped: WorkflowService = { ...d.workflows, list: async () => (await d.workflows.list()).filter((w) => w.id === one.id) };
    res.json(await buildBundle({ workflows: scoped, variables: d.variables, now: new Date(d.clock.now()) }));
  });
  r.post('/import', async (req, res) => {
    try {
      res.status(201).json(await importBundle(req.body, { workflows: d.workflows, variables: d.variables, now: d.clock.now() }));
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('BAD_REQUEST', 400, e instanceof Error ? e.message : String(e));
    }
  });
  return r;
}
