import { Router } from 'express';
import type { ExpressionChecker } from '../../shared/graph/validate-workflow.js';
import type { Store } from '../store/ports/store.js';
import type { WorkflowService } from '../services/workflow-service.js';
import { createTemplateService } from '../templates/template-service.js';
import { principalOf } from './require-auth.js';

export interface TemplatesRouterDeps {
  store: Pick<Store, 'credentials'>;
  workflows: Pick<WorkflowService, 'create' | 'setActive'>;
  checkExpression?: ExpressionChecker;
}

/**
 * `POST /api/templates/:id/instantiate` (mounted at /api/templates): a template becomes a
 * workflow, `201` with it and its trigger URLs. The read-only gallery routes live in
 * catalog.routes.ts. Credentials are looked up by metadata only; their data is never read here.
 */
export function createTemplatesRouter(d: TemplatesRouterDeps): Router {
  const service = createTemplateService({
    workflows: d.workflows,
    credentialMeta: async (id) => {
      const row = await d.store.credentials.get(id);
      return row ? { name: row.name, type: row.type } : undefined;
    },
    checkExpression: d.checkExpression,
  });
  const r = Router();
  r.post('/:id/instantiate', async (req, res) => {
    res.status(201).json(await service.instantiate(req.params.id, req.body, principalOf(req).userId));
  });
  return r;
}
