import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../shared/errors.js';
import { validateWorkflow, type ExpressionChecker, type WorkflowIssue } from '../../shared/graph/validate-workflow.js';
import type { WorkflowDefinition } from '../../shared/graph/workflow-schema.js';
import type { Clock } from '../lib/clock.js';
import { newId, newToken } from '../lib/ids.js';
import type { Store } from '../store/ports/store.js';
import type { TriggerResolver } from '../ingest/trigger-resolver.js';
import type { WorkflowRow } from '../store/ports/workflows.js';

/** A workflow as the API shows it. */
export interface WorkflowView {
  id: string;
  name: string;
  active: boolean;
  version: number;
  definition: WorkflowDefinition;
  hooks: Array<{ nodeId: string; url: string }>;
  issues: WorkflowIssue[];
  createdAt: number;
  updatedAt: number;
}

export interface WorkflowServiceDeps {
  store: Pick<Store, 'workflows' | 'triggers' | 'write'>;
  resolver: TriggerResolver;
  clock: Clock;
  publicUrl: string;
  checkExpression?: ExpressionChecker;
  /** Called after a workflow was saved, (de)activated or deleted (the scheduler re-plans). */
  onChanged?: (workflowId: string) => void;
}

/**
 * Saving, versioning and activating workflows; every save is validated, and a save that changes
 * the definition makes a new immutable version (saving the same graph again answers the current one).
 */
export function createWorkflowService(d: WorkflowServiceDeps) {
  const validate = (input: unknown): { definition: WorkflowDefinition; issues: WorkflowIssue[] } => {
    const result = validateWorkflow(input, { checkExpression: d.checkExpression });
    if (!result.ok) {
      const issues = result.issues.filter((i) => i.severity === 'error');
      const first = issues[0];
      const message = issues.length === 1 && first ? `The workflow is not valid: ${first.message}` : `The workflow has ${issues.length} problems to fix.`;
      throw new AppError('VALIDATION_FAILED', 400, message, { issues: issues.map(({ severity: _s, ...rest }) => rest) });
    }
    return { definition: result.workflow, issues: result.issues };
  };

  // Only webhook triggers get a URL; manual and schedule triggers start runs otherwise.
  const triggerIds = (def: WorkflowDefinition) => def.nodes.filter((n) => n.type === 'webhook').map((n) => n.id);
  const hooksOf = async (id: string) => (await d.store.triggers.forWorkflow(id)).map((t) => ({ nodeId: t.nodeId, url: `${d.publicUrl}/hooks/${t.token}` }));

  const view = async (row: WorkflowRow): Promise<WorkflowView> => {
    const v = await d.store.workflows.getVersion(row.id, row.currentVersion);
    if (!v) throw new AppError('INTERNAL', 500, `Workflow ${row.id} has lost its current version.`);
    const issues = validateWorkflow(v.definition, { checkExpression: d.checkExpression }).issues;
    return { id: row.id, name: row.name, active: row.active, version: row.currentVersion, definition: v.definition, hooks: await hooksOf(row.id), issues, createdAt: row.createdAt, updatedAt: row.updatedAt };
  };

  const mustGet = async (id: string): Promise<WorkflowRow> => {
    const row = await d.store.workflows.get(id);
    if (!row) throw new AppError('NOT_FOUND', 404, `There is no workflow with id "${id}".`);
    return row;
  };

  return {
    validate,
    view,
    get: async (id: string) => view(await mustGet(id)),
    list: () => d.store.workflows.list(),
    hooksOf,
    async create(input: unknown, userId: string | null): Promise<WorkflowView> {
      const { definition } = validate(input);
      const id = newId('wf');
      const now = d.clock.now();
      await d.store.write(async (tx) => {
        await tx.workflows.create(id, definition, now, userId);
        await tx.triggers.sync(id, triggerIds(definition), newToken, now);
      });
      d.onChanged?.(id);
      return this.get(id);
    },
    async update(id: string, input: unknown, userId: string | null): Promise<WorkflowView> {
      const row = await mustGet(id);
      const { definition } = validate(input);
      // Ctrl+S on an unchanged workflow: no new version, same answer as a save (200, current version).
      if (isDeepStrictEqual((await d.store.workflows.getVersion(id, row.currentVersion))?.definition, definition)) return view(row);
      const now = d.clock.now();
      await d.store.write(async (tx) => {
        await tx.workflows.addVersion(id, definition, now, userId);
        await tx.triggers.sync(id, triggerIds(definition), newToken, now);
      });
      d.resolver.invalidate(id);
      d.onChanged?.(id);
      return this.get(id);
    },
    async setActive(id: string, active: boolean): Promise<WorkflowView> {
      const row = await mustGet(id);
      if (active) {
        const current = await d.store.workflows.getVersion(id, row.currentVersion);
        if (current) validate(current.definition);
      }
      await d.store.workflows.setActive(id, active, d.clock.now());
      d.resolver.invalidate(id);
      d.onChanged?.(id);
      return this.get(id);
    },
    async remove(id: string): Promise<void> {
      await mustGet(id);
      await d.store.workflows.remove(id);
      d.resolver.invalidate(id);
      d.onChanged?.(id);
    },
  };
}
export type WorkflowService = ReturnType<typeof createWorkflowService>;
