import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../shared/errors.js';
import { validateWorkflow, type ExpressionChecker, type WorkflowIssue } from '../../shared/graph/validate-workflow.js';
import type { WorkflowDefinition } from '../../shared/graph/workflow-schema.js';
import type { Clock } from '../lib/clock.js';
import { newId, newToken } from '../lib/ids.js';
import type { Store, StoreTx } from '../store/ports/store.js';
import type { TriggerResolver } from '../ingest/trigger-resolver.js';
import type { Author, WorkflowRow } from '../store/ports/workflows.js';
import { conflictError } from './workflow-conflict.js';
import { searchPathsOf } from './trigger-where.js';
import type { PauseView } from './pause-service.js';

/** A workflow as the API shows it. */
export interface WorkflowView {
  id: string;
  name: string;
  active: boolean;
  /** The draft's version number: what `If-Match` sends back on the next save. */
  version: number;
  /** The live version (null until first published), when, by whom and with what message. */
  publishedVersion: number | null;
  publishedAt: number | null;
  publishedBy: string | null;
  publishMessage: string | null;
  /** The draft's definition. */
  definition: WorkflowDefinition;
  /** Each webhook trigger's live URL (runs the published version) and test URL (runs the draft). */
  hooks: Array<{ nodeId: string; url: string; testUrl: string; formUrl?: string }>;
  issues: WorkflowIssue[];
  createdAt: number;
  updatedAt: number;
}

/** A workflow with where it stands on the pause switch (`paused`, `pauseState`, `heldCount`). */
export type WorkflowViewWithPause = WorkflowView & PauseView;

export interface WorkflowServiceDeps {
  store: Pick<Store, 'workflows' | 'triggers' | 'write'>;
  resolver: TriggerResolver;
  clock: Clock;
  publicUrl: string;
  checkExpression?: ExpressionChecker;
  /** The pause switch and held count shown with each workflow; without it every workflow reads as not paused. */
  pauses?: { view(workflowId: string): Promise<PauseView> };
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

  // Only webhook and form triggers get a URL; manual and schedule triggers start runs otherwise.
  const triggerIds = (def: WorkflowDefinition) => def.nodes.filter((n) => n.type === 'webhook' || n.type === 'form').map((n) => n.id);
  // A trigger keeps its token while the draft or the live version has it: the test URL of a
  // trigger only in the draft works before publishing, and the live URL keeps working meanwhile.
  const liveAndDraftTriggersIn = async (tx: Pick<StoreTx, 'workflows'>, id: string, draft: WorkflowDefinition, published: number | null) => {
    const live = published === null ? undefined : await tx.workflows.getVersion(id, published);
    return [...new Set([...triggerIds(draft), ...(live ? triggerIds(live.definition) : [])])];
  };
  // A form trigger also has its hosted page (`formUrl`); its trigger URL takes JSON submissions.
  const hooksOf = async (id: string) => {
    const row = await d.store.workflows.get(id);
    const versions = row ? [row.currentVersion, ...(row.publishedVersion === null ? [] : [row.publishedVersion])] : [];
    const defs = await Promise.all(versions.map((v) => d.store.workflows.getVersion(id, v)));
    const forms = new Set(defs.flatMap((v) => v?.definition.nodes.filter((n) => n.type === 'form').map((n) => n.id) ?? []));
    return (await d.store.triggers.forWorkflow(id)).map((t) => ({
      nodeId: t.nodeId,
      url: `${d.publicUrl}/hooks/${t.token}`,
      testUrl: `${d.publicUrl}/hooks/test/${t.token}`,
      ...(forms.has(t.nodeId) ? { formUrl: `${d.publicUrl}/forms/${t.token}` } : {}),
    }));
  };

  const notPaused: PauseView = { paused: false, pauseState: 'off', heldCount: 0 };
  const view = async (row: WorkflowRow): Promise<WorkflowViewWithPause> => {
    const v = await d.store.workflows.getVersion(row.id, row.currentVersion);
    if (!v) throw new AppError('INTERNAL', 500, `Workflow ${row.id} has lost its current version.`);
    const issues = validateWorkflow(v.definition, { checkExpression: d.checkExpression }).issues;
    return {
      id: row.id,
      name: row.name,
      active: row.active,
      version: row.currentVersion,
      publishedVersion: row.publishedVersion,
      publishedAt: row.publishedAt,
      publishedBy: row.publishedBy,
      publishMessage: row.publishMessage,
      definition: v.definition,
      hooks: await hooksOf(row.id),
      issues,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      ...(d.pauses ? await d.pauses.view(row.id) : notPaused),
    };
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
        // A new workflow is a draft: its trigger gets a token now, for the test URL.
        await tx.triggers.sync(id, triggerIds(definition), newToken, now);
        await tx.runs.declareSearchPaths(id, searchPathsOf(definition.settings));
      });
      d.onChanged?.(id);
      return this.get(id);
    },
    /**
     * Saves the draft. With `base` (the version the edit started from, sent as If-Match) the save
     * is refused with 409 CONFLICT when someone saved in between, and nothing live changes.
     * Without it the save is a v1 save: no conflict check, and a workflow that has a published
     * version gets the new one published at once (older clients and scripts expect saving to deploy).
     */
    async update(id: string, input: unknown, author: Author, base?: number): Promise<WorkflowView> {
      const row = await mustGet(id);
      const { definition } = validate(input);
      if (base !== undefined && base !== row.currentVersion) throw await conflictError(d.store, row, base);
      const legacy = base === undefined;
      const unchanged = isDeepStrictEqual((await d.store.workflows.getVersion(id, row.currentVersion))?.definition, definition);
      // Ctrl+S on an unchanged workflow: no new version, same answer as a save (200, current version).
      if (unchanged && !(legacy && row.publishedVersion !== null && row.publishedVersion !== row.currentVersion)) return view(row);
      const now = d.clock.now();
      const published = legacy && row.publishedVersion !== null;
      const saved = await d.store.write(async (tx) => {
        const version = unchanged
          ? row.currentVersion
          : legacy
            ? await tx.workflows.addVersion(id, definition, now, author.userId)
            : await tx.workflows.addVersionIf(id, definition, now, author, row.currentVersion);
        if (version === null) return null;
        // The draft's declaration holds at once: searching is not running, so it needs no publish.
        await tx.runs.declareSearchPaths(id, searchPathsOf(definition.settings));
        if (published) await tx.workflows.publish(id, version, now, author.name, null);
        await tx.triggers.sync(id, await liveAndDraftTriggersIn(tx, id, definition, published ? version : row.publishedVersion), newToken, now);
        return version;
      });
      // Someone saved between our read and our write: the same answer as a stale If-Match.
      if (saved === null) throw await conflictError(d.store, await mustGet(id), row.currentVersion);
      d.resolver.invalidate(id);
      d.onChanged?.(id);
      return this.get(id);
    },
    /** Makes the draft (or `version`, for a rollback) the live version; live trigger URLs run it from now on. */
    async publish(id: string, by: string | null, message: string | null, version?: number): Promise<WorkflowView> {
      const row = await mustGet(id);
      const target = version ?? row.currentVersion;
      const v = await d.store.workflows.getVersion(id, target);
      if (!v) throw new AppError('NOT_FOUND', 404, `Workflow ${id} has no version ${target}.`);
      validate(v.definition);
      const now = d.clock.now();
      await d.store.write(async (tx) => {
        await tx.workflows.publish(id, target, now, by, message);
        const draft = target === row.currentVersion ? v.definition : ((await tx.workflows.getVersion(id, row.currentVersion))?.definition ?? v.definition);
        await tx.triggers.sync(id, await liveAndDraftTriggersIn(tx, id, draft, target), newToken, now);
      });
      d.resolver.invalidate(id);
      d.onChanged?.(id);
      return this.get(id);
    },
    /** Takes the workflow off the air: no published version, inactive; the draft stays as it is. */
    async unpublish(id: string): Promise<WorkflowView> {
      await mustGet(id);
      await d.store.workflows.publish(id, null, d.clock.now(), null, null);
      d.resolver.invalidate(id);
      d.onChanged?.(id);
      return this.get(id);
    },
    /** Activating a workflow that was never published publishes its draft first (docs/api.md). */
    async setActive(id: string, active: boolean, by: string | null = null): Promise<WorkflowView> {
      const row = await mustGet(id);
      if (active && row.publishedVersion === null) await this.publish(id, by, null);
      else if (active) {
        const live = await d.store.workflows.getVersion(id, row.publishedVersion ?? row.currentVersion);
        if (live) validate(live.definition);
      }
      await d.store.workflows.setActive(id, active, d.clock.now());
      d.resolver.invalidate(id);
      d.onChanged?.(id);
      return this.get(id);
    },
    async remove(id: string): Promise<void> {
      await mustGet(id);
      await d.store.write(async (tx) => {
        await tx.workflows.remove(id);
        await tx.runs.declareSearchPaths(id, []);
      });
      d.resolver.invalidate(id);
      d.onChanged?.(id);
    },
  };
}
export type WorkflowService = ReturnType<typeof createWorkflowService>;
