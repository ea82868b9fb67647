import { z } from 'zod';
import { AppError, type ValidationIssue } from '../../shared/errors.js';
import type { ExpressionChecker } from '../../shared/graph/validate-workflow.js';
import { getTemplate } from '../../shared/templates/catalog.js';
import { instantiateTemplate } from '../../shared/templates/instantiate-template.js';
import type { WorkflowService, WorkflowView } from '../services/workflow-service.js';
import { parseInput } from '../http/errors.js';
import { checkTemplateCredentials, type CredentialMeta } from './template-credentials.js';
import { lazySchema } from '../../shared/lazy-schema.js';

/** The body of `POST /api/templates/:id/instantiate`. */
export const instantiateBodySchema = lazySchema(() =>
  z.object({
    name: z.string().max(200).optional(),
    credentials: z.record(z.string(), z.unknown()).default({}),
    inputs: z.record(z.string(), z.unknown()).default({}),
    activate: z.boolean().default(false),
  }),
);

export interface TemplateServiceDeps {
  workflows: Pick<WorkflowService, 'create' | 'setActive'>;
  /** A stored credential's name and type by id (metadata only). */
  credentialMeta: (id: string) => Promise<CredentialMeta>;
  checkExpression?: ExpressionChecker;
}

const refuse = (issues: ValidationIssue[]) => {
  const first = issues[0];
  const message = issues.length === 1 && first ? `The template cannot be set up: ${first.path}: ${first.message}` : `The template cannot be set up: ${issues.length} problems to fix.`;
  return new AppError('VALIDATION_FAILED', 400, message, { issues });
};

/** Turns a gallery template into a saved (and optionally active) workflow for the person asking. */
export function createTemplateService(d: TemplateServiceDeps) {
  return {
    async instantiate(templateId: string, body: unknown, userId: string | null): Promise<WorkflowView> {
      const template = getTemplate(templateId);
      if (!template) throw new AppError('NOT_FOUND', 404, `There is no template "${templateId.slice(0, 100)}"; list them with GET /api/templates.`);
      const choices = parseInput(instantiateBodySchema, body ?? {});
      const result = instantiateTemplate(template, choices, { checkExpression: d.checkExpression });
      // The check is pure: look up the picked ids first (a template names a handful).
      const picked = Object.values(choices.credentials).filter((id): id is string => typeof id === 'string');
      const metas = new Map(await Promise.all(picked.map(async (id) => [id, await d.credentialMeta(id)] as const)));
      const issues = [...checkTemplateCredentials(template, choices.credentials, (id) => metas.get(id)), ...(result.ok ? [] : result.issues)];
      // Credential problems first: they are what the wizard shows next to each picker.
      if (!result.ok || issues.length) throw refuse(issues.sort((a, b) => Number(b.path.startsWith('credentials.')) - Number(a.path.startsWith('credentials.'))));
      const created = await d.workflows.create(result.workflow, userId);
      return choices.activate ? d.workflows.setActive(created.id, true) : created;
    },
  };
}
export type TemplateService = ReturnType<typeof createTemplateService>;
