import type { TriggerRepo } from '../db/trigger-repo.js';
import type { WorkflowRepo } from '../db/workflow-repo.js';
import { webhookConfigSchema, type WebhookConfig } from '../../shared/nodes/webhook.node.js';

/** Everything ingest needs to know about a trigger URL, looked up once and cached. */
export interface ResolvedTrigger {
  token: string;
  workflowId: string;
  nodeId: string;
  active: boolean;
  version: number;
  config: WebhookConfig;
  concurrency: number;
}

/**
 * Maps trigger tokens to their workflow's live settings. Ingest is the hot path, so answers
 * are cached; saving, activating or deleting a workflow calls `invalidate`.
 */
export function createTriggerResolver(deps: { triggers: TriggerRepo; workflows: WorkflowRepo; defaultConcurrency: number }) {
  const cache = new Map<string, ResolvedTrigger | null>();
  const MAX_CACHED = 10_000;

  const load = (token: string): ResolvedTrigger | null => {
    const t = deps.triggers.byToken(token);
    if (!t) return null;
    const wf = deps.workflows.get(t.workflowId);
    if (!wf) return null;
    const version = deps.workflows.getVersion(wf.id, wf.currentVersion);
    const node = version?.definition.nodes.find((n) => n.id === t.nodeId);
    if (!version || !node) return null;
    const config = webhookConfigSchema.safeParse(node.config);
    if (!config.success) return null;
    return {
      token,
      workflowId: wf.id,
      nodeId: t.nodeId,
      active: wf.active,
      version: wf.currentVersion,
      config: config.data,
      concurrency: version.definition.settings.concurrency ?? deps.defaultConcurrency,
    };
  };

  return {
    resolve(token: string): ResolvedTrigger | null {
      if (cache.has(token)) return cache.get(token) ?? null;
      const found = load(token);
      // Unknown tokens are not cached, so a flood of random tokens cannot grow the map.
      if (found) {
        if (cache.size >= MAX_CACHED) cache.clear();
        cache.set(token, found);
      }
      return found;
    },
    /** Drops cached answers for a workflow after it changed. */
    invalidate(workflowId: string): void {
      for (const [token, t] of cache) if (!t || t.workflowId === workflowId) cache.delete(token);
    },
  };
}
export type TriggerResolver = ReturnType<typeof createTriggerResolver>;
