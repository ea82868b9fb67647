import { Router } from 'express';
import { AppError } from '../../shared/errors.js';
import type { WorkflowService } from '../services/workflow-service.js';
import { principalOf } from './require-auth.js';

export interface ImportRouterDeps {
  workflows: Pick<WorkflowService, 'create'>;
}

/**
 * `POST /api/import/n8n` (mounted at /api/import): an n8n export becomes a Switchyard workflow.
 * Without `?save=true` it answers `{workflow, report}` and saves nothing; with it, `201` with
 * the new workflow's id, the workflow and the report. The conversion is shared/import/n8n,
 * loaded on the first import: a start does not read it.
 */
export function createImportRouter(d: ImportRouterDeps): Router {
  const r = Router();
  r.post('/n8n', async (req, res) => {
    const { importN8nRequest } = await import('../../shared/import/n8n/import-request.js');
    const result = importN8nRequest(req.body);
    if (!result.ok) {
      const first = result.issues[0];
      throw new AppError('BAD_REQUEST', 400, first ? `${first.path === 'body' ? '' : `${first.path}: `}${first.message}` : 'Send an n8n workflow export as the body.', { issues: result.issues });
    }
    if (req.query.save !== 'true') {
      res.json({ workflow: result.workflow, report: result.report });
      return;
    }
    const errors = result.report.issues.filter((i) => i.severity === 'error');
    if (errors.length) {
      throw new AppError('VALIDATION_FAILED', 400, `The imported workflow does not validate: ${errors[0]?.message ?? ''} Fix it in the editor after a preview, or send the corrected export.`, {
        issues: errors.map(({ severity: _s, ...rest }) => rest),
        report: result.report,
      });
    }
    const created = await d.workflows.create(result.workflow, principalOf(req).userId);
    res.status(201).json({ id: created.id, workflow: created, report: result.report });
  });
  return r;
}
