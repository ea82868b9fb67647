import { AppError } from '../../shared/errors.js';
import { webhookConfigSchema } from '../../shared/nodes/webhook.node.js';
import type { Clock } from '../lib/clock.js';
import { newToken } from '../lib/ids.js';
import type { Store } from '../store/ports/store.js';
import type { TriggerResolver } from '../ingest/trigger-resolver.js';
import { effectiveRateLimit, triggerKey, type RateLimit, type TriggerLimiter } from '../ingest/rate-limit.js';
import { noRejections, type RejectionStats } from '../verify/rejection-counter.js';

/** Longest grace period a rotation may give the old URL. */
export const MAX_GRACE_SECONDS = 7 * 24 * 3600;

/** One webhook trigger as the trigger panel shows it. */
export interface TriggerView {
  nodeId: string;
  url: string;
  rotatedAt: number | null;
  /** Rotated URLs that still work, until `expiresAt`. */
  previous: Array<{ url: string; expiresAt: number }>;
  /** The limit in force and where it comes from; null: unlimited. */
  rateLimit: (RateLimit & { source: 'trigger' | 'default' }) | null;
  /** Requests that reached the trigger in the last minute, and how many of them got 429. */
  rate: { requestsLastMinute: number; limitedLastMinute: number };
  /** The IP allow-list; null when anyone may call. */
  allowedIps: string[] | null;
  /** Refusals of the last day by reason, every reason included. */
  rejections: RejectionStats;
}

export interface TriggerServiceDeps {
  store: Pick<Store, 'workflows' | 'triggers'>;
  resolver: Pick<TriggerResolver, 'invalidate'>;
  limiter: Pick<TriggerLimiter, 'usage'>;
  rejections: { forWorkflow(workflowId: string): Promise<Record<string, RejectionStats>> };
  clock: Clock;
  publicUrl: string;
  defaultRateLimit: RateLimit | null;
  /** Told of each rotation (for an audit log); never given a token. */
  onRotated?: (e: { workflowId: string; nodeId: string; graceSeconds: number }) => void;
}

/** Trigger URLs beyond the workflow itself: rotating tokens, and each trigger's limits, rate and refusals. */
export function createTriggerService(d: TriggerServiceDeps) {
  const hookUrl = (token: string) => `${d.publicUrl}/hooks/${token}`;

  /** The webhook configs of a workflow's current version, by node id; 404 when there is no such workflow. */
  const configsOf = async (workflowId: string) => {
    const wf = await d.store.workflows.get(workflowId);
    if (!wf) throw new AppError('NOT_FOUND', 404, `There is no workflow with id "${workflowId.slice(0, 100)}".`);
    const version = await d.store.workflows.getVersion(wf.id, wf.currentVersion);
    const configs = new Map<string, ReturnType<typeof webhookConfigSchema.safeParse>>();
    // A form trigger's config carries the same rate limit (and webhook defaults for the rest).
    for (const n of version?.definition.nodes ?? []) if (n.type === 'webhook' || n.type === 'form') configs.set(n.id, webhookConfigSchema.safeParse(n.config));
    return configs;
  };

  const list = async (workflowId: string): Promise<TriggerView[]> => {
    const configs = await configsOf(workflowId);
    const now = d.clock.now();
    const retired = await d.store.triggers.retiredOf(workflowId, now);
    const stats = await d.rejections.forWorkflow(workflowId);
    return (await d.store.triggers.forWorkflow(workflowId)).map((t) => {
      const parsed = configs.get(t.nodeId);
      const config = parsed?.success ? parsed.data : undefined;
      const limit = effectiveRateLimit(config?.rateLimit, d.defaultRateLimit);
      const usage = d.limiter.usage(triggerKey(workflowId, t.nodeId));
      return {
        nodeId: t.nodeId,
        url: hookUrl(t.token),
        rotatedAt: t.rotatedAt ?? null,
        previous: retired.filter((r) => r.nodeId === t.nodeId).map((r) => ({ url: hookUrl(r.token), expiresAt: r.expiresAt })),
        rateLimit: limit ? { ...limit, source: config?.rateLimit ? 'trigger' : 'default' } : null,
        rate: { requestsLastMinute: usage.requests, limitedLastMinute: usage.limited },
        allowedIps: config?.allowedIps?.length ? config.allowedIps : null,
        rejections: stats[t.nodeId] ?? noRejections(),
      };
    });
  };

  return {
    list,
    /**
     * Gives a trigger a new URL. The old one stops at once (`graceSeconds` 0), or keeps working
     * for `graceSeconds` and then answers 404. Returns the trigger as the panel shows it.
     */
    async rotate(workflowId: string, nodeId: string, graceSeconds: number): Promise<TriggerView> {
      await configsOf(workflowId);
      const now = d.clock.now();
      const done = await d.store.triggers.rotate(workflowId, nodeId, newToken(), now, graceSeconds * 1000);
      if (!done) throw new AppError('NOT_FOUND', 404, `This workflow has no webhook trigger "${nodeId.slice(0, 100)}".`);
      d.resolver.invalidate(workflowId);
      d.onRotated?.({ workflowId, nodeId, graceSeconds });
      const view = (await list(workflowId)).find((t) => t.nodeId === nodeId);
      if (!view) throw new AppError('NOT_FOUND', 404, `This workflow has no webhook trigger "${nodeId.slice(0, 100)}".`);
      return view;
    },
  };
}
export type TriggerService = ReturnType<typeof createTriggerService>;
