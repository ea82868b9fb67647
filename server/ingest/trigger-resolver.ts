import type { Store } from '../store/ports/store.js';
import { webhookConfigSchema, type WebhookConfig } from '../../shared/nodes/webhook.node.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { compileAllowList, type AllowCheck } from './ip-allow.js';
import { effectiveRateLimit, type RateLimit } from './rate-limit.js';

/** Everything ingest needs to know about a trigger URL, looked up once and cached. */
export interface ResolvedTrigger {
  token: string;
  workflowId: string;
  nodeId: string;
  active: boolean;
  version: number;
  config: WebhookConfig;
  concurrency: number;
  /** Set for a rotated token in its grace period: it stops working at this time (epoch ms). */
  expiresAt: number | null;
  /** The trigger's rate limit (its own, else the server default); null: unlimited. */
  rateLimit: RateLimit | null;
  /** The compiled IP allow-list; null when anyone may call. */
  allow: AllowCheck | null;
}

/**
 * Maps trigger tokens to their workflow's live settings. Ingest is the hot path, so answers
 * are cached; saving, activating, deleting a workflow or rotating a token calls `invalidate`.
 * Per-process state: the cache is right only while every change goes through this process
 * (docs/architecture.md says how it works across processes).
 */
export function createTriggerResolver(deps: {
  store: Pick<Store, 'triggers' | 'workflows'>;
  defaultConcurrency: number;
  defaultRateLimit?: RateLimit | null;
  clock?: Clock;
}) {
  const clock = deps.clock ?? systemClock;
  const cache = new Map<string, ResolvedTrigger | null>();
  const MAX_CACHED = 10_000;

  /** Bumped by every invalidation: a load that began before one must not cache what it read. */
  let generation = 0;

  const load = async (token: string): Promise<ResolvedTrigger | null> => {
    const t = await deps.store.triggers.match(token, clock.now());
    if (!t) return null;
    const wf = await deps.store.workflows.get(t.workflowId);
    if (!wf) return null;
    const version = await deps.store.workflows.getVersion(wf.id, wf.currentVersion);
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
      expiresAt: t.expiresAt,
      rateLimit: effectiveRateLimit(config.data.rateLimit, deps.defaultRateLimit ?? null),
      // An empty list is no list: clearing the field in the editor must not lock everyone out.
      allow: config.data.allowedIps?.length ? compileAllowList(config.data.allowedIps) : null,
    };
  };

  return {
    async resolve(token: string): Promise<ResolvedTrigger | null> {
      const hit = cache.get(token);
      // A rotated token's grace period ends while it sits in the cache: from then on it is unknown.
      if (hit && hit.expiresAt !== null && hit.expiresAt <= clock.now()) cache.delete(token);
      else if (hit) return hit;
      const started = generation;
      const found = await load(token);
      // Unknown tokens are not cached, so a flood of random tokens cannot grow the map.
      if (found && started === generation) {
        if (cache.size >= MAX_CACHED) cache.clear();
        cache.set(token, found);
      }
      return found;
    },
    /** Drops cached answers for a workflow after it changed. */
    invalidate(workflowId: string): void {
      generation++;
      for (const [token, t] of cache) if (!t || t.workflowId === workflowId) cache.delete(token);
    },
  };
}
export type TriggerResolver = ReturnType<typeof createTriggerResolver>;
