import type { Store } from '../store/ports/store.js';
import { webhookConfigSchema, type WebhookConfig } from '../../shared/nodes/webhook.node.js';
import { formConfigSchema, type FormConfig } from '../../shared/nodes/form.node.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { compileAllowList, type AllowCheck } from './ip-allow.js';
import { effectiveRateLimit, type RateLimit } from './rate-limit.js';

/** Everything ingest needs to know about a trigger URL, looked up once and cached. */
export interface ResolvedTrigger {
  token: string;
  workflowId: string;
  nodeId: string;
  /** Whether a request runs: live URLs of an active, published workflow; test URLs always. */
  active: boolean;
  /** Reached through the test URL (`/hooks/test/<token>`): runs the draft. */
  test: boolean;
  /** The version a run starts on: the published one for the live URL, the draft for the test URL. */
  version: number;
  config: WebhookConfig;
  concurrency: number;
  /** Set for a rotated token in its grace period: it stops working at this time (epoch ms). */
  expiresAt: number | null;
  /** The trigger's rate limit (its own, else the server default); null: unlimited. */
  rateLimit: RateLimit | null;
  /** The compiled IP allow-list; null when anyone may call. */
  allow: AllowCheck | null;
  /** A form trigger's fields and pages (its `config` holds the webhook defaults plus its rate limit). */
  form?: FormConfig;
}

/**
 * Maps trigger tokens to their workflow's live settings. Ingest is the hot path, so answers
 * are cached; saving, activating, deleting a workflow or rotating a token calls `invalidate`.
 * Per-process state: the cache is right only while every change goes through this process
 * (docs/architecture.md says how it works across processes).
 */
export function createTriggerResolver(deps: { store: Pick<Store, 'triggers' | 'workflows'>; defaultConcurrency: number; defaultRateLimit?: RateLimit | null; clock?: Clock }) {
  const clock = deps.clock ?? systemClock;
  const cache = new Map<string, ResolvedTrigger | null>();
  const MAX_CACHED = 10_000;

  /** Bumped by every invalidation: a load that began before one must not cache what it read. */
  let generation = 0;

  const nodeOf = async (workflowId: string, version: number | null, nodeId: string) => {
    const v = version === null ? undefined : await deps.store.workflows.getVersion(workflowId, version);
    const node = v?.definition.nodes.find((n) => n.id === nodeId);
    return v && node ? { version: v, node } : undefined;
  };

  const load = async (token: string, test: boolean): Promise<ResolvedTrigger | null> => {
    const t = await deps.store.triggers.match(token, clock.now());
    if (!t) return null;
    const wf = await deps.store.workflows.get(t.workflowId);
    if (!wf) return null;
    // Live: the published version. A trigger only in the draft (or a never-published workflow)
    // is not live, but its settings come from the draft so listening for a test event still works.
    const live = test ? undefined : await nodeOf(wf.id, wf.publishedVersion, t.nodeId);
    const found = live ?? (await nodeOf(wf.id, wf.currentVersion, t.nodeId));
    if (!found) return null;
    const { version, node } = found;
    const config = webhookConfigSchema.safeParse(node.config);
    if (!config.success) return null;
    const form = node.type === 'form' ? formConfigSchema.safeParse(node.config) : undefined;
    if (form && !form.success) return null;
    return {
      token,
      workflowId: wf.id,
      nodeId: t.nodeId,
      active: test || (wf.active && live !== undefined),
      test,
      version: version.version,
      config: config.data,
      concurrency: version.definition.settings.concurrency ?? deps.defaultConcurrency,
      expiresAt: t.expiresAt,
      rateLimit: effectiveRateLimit(config.data.rateLimit, deps.defaultRateLimit ?? null),
      // An empty list is no list: clearing the field in the editor must not lock everyone out.
      allow: config.data.allowedIps?.length ? compileAllowList(config.data.allowedIps) : null,
      ...(form?.success ? { form: form.data } : {}),
    };
  };

  return {
    /** The trigger behind a token, as its live URL (default) or its test URL (`test`) sees it. */
    async resolve(token: string, test = false): Promise<ResolvedTrigger | null> {
      const key = test ? `test:${token}` : token;
      const hit = cache.get(key);
      // A rotated token's grace period ends while it sits in the cache: from then on it is unknown.
      if (hit && hit.expiresAt !== null && hit.expiresAt <= clock.now()) cache.delete(key);
      else if (hit) return hit;
      const started = generation;
      const found = await load(token, test);
      // Unknown tokens are not cached, so a flood of random tokens cannot grow the map.
      if (found && started === generation) {
        if (cache.size >= MAX_CACHED) cache.clear();
        cache.set(key, found);
      }
      return found;
    },
    /** Drops cached answers for a workflow after it changed. */
    invalidate(workflowId: string): void {
      generation++;
      for (const [key, t] of cache) if (!t || t.workflowId === workflowId) cache.delete(key);
    },
  };
}
export type TriggerResolver = ReturnType<typeof createTriggerResolver>;
