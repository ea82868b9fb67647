import { z } from 'zod';
import { pagerdutySeverities, type PagerdutyConfig } from '../../../shared/nodes/apps/pagerduty.node.js';
import type { StepRunner } from '../runner.js';
import type { AppRunnerDeps } from './app-deps.js';
import { appRefusal, field, textReason } from './app-errors.js';
import { callApp } from './app-http.js';
import { asText, credentialSecrets, hideSecrets, permanent, renderChecked } from './app-step.js';
import { lazySchema } from '../../../shared/lazy-schema.js';

const optionalText = lazySchema(() => z.preprocess((v) => (v === null || v === '' ? undefined : asText(v)), z.string().trim().optional()));
const rendered = lazySchema(() =>
  z.object({
    dedupKey: optionalText.pipe(z.string().max(255, 'at most 255 characters').optional()),
    summary: optionalText,
    source: optionalText,
    component: optionalText,
    group: optionalText,
    customDetails: z.record(z.string(), z.unknown()).optional(),
  }),
);

/** PagerDuty cuts summaries at 1024 characters; cutting here keeps the event valid. */
const SUMMARY_MAX = 1024;

/** PagerDuty's 400: `{status: "invalid event", message, errors: [...]}`. */
function reasonOf(body: unknown): string | undefined {
  const errors = typeof body === 'object' && body !== null ? (body as { errors?: unknown }).errors : undefined;
  const first = Array.isArray(errors) && typeof errors[0] === 'string' ? errors[0] : undefined;
  const message = field(body, 'message') ?? textReason(body);
  return first && message ? `${message} (${first})` : (message ?? first);
}

/**
 * The `pagerduty` step: an Events API v2 event. A trigger without a dedup key uses the step's
 * idempotency key, so a retried trigger lands on the same alert instead of opening another.
 */
export function createPagerdutyRunner(deps: AppRunnerDeps): StepRunner<PagerdutyConfig> {
  return {
    async run(config, ctx) {
      const found = await deps.resolveCredential(config.credentialId, ['pagerduty']);
      if (!found.ok) return { kind: 'failed', error: found.error };
      const c = found.credential;
      const routingKey = c.data.routingKey;
      if (!routingKey) return permanent('credential_incomplete', `Credential "${c.name}" has no routing key; add the integration key of an Events API v2 integration.`);
      const r = await renderChecked(
        ctx,
        {
          dedupKey: config.dedupKey,
          summary: config.summary,
          source: config.source,
          component: config.component,
          group: config.group,
          customDetails: config.customDetails,
        },
        rendered,
      );
      if (!r.ok) return r.outcome;
      const e = r.value;
      let event: Record<string, unknown>;
      if (config.action === 'trigger') {
        if (!e.summary || !e.source)
          return permanent('invalid_field', `"${e.summary ? 'source' : 'summary'}" rendered empty: a trigger needs a summary and a source.`, { field: e.summary ? 'source' : 'summary' });
        const severity = config.severity ?? 'error';
        if (!pagerdutySeverities.includes(severity)) return permanent('invalid_field', '"severity" must be critical, error, warning or info.', { field: 'severity' });
        event = {
          routing_key: routingKey,
          event_action: 'trigger',
          dedup_key: e.dedupKey ?? ctx.idempotencyKey,
          payload: {
            summary: e.summary.slice(0, SUMMARY_MAX),
            source: e.source,
            severity,
            timestamp: new Date(ctx.clock.now()).toISOString(),
            ...(e.component ? { component: e.component } : {}),
            ...(e.group ? { group: e.group } : {}),
            ...(e.customDetails ? { custom_details: e.customDetails } : {}),
          },
          client: 'Switchyard',
        };
      } else {
        if (!e.dedupKey) return permanent('invalid_field', `"dedupKey" rendered empty: to ${config.action} an alert, give its dedup key.`, { field: 'dedupKey' });
        event = { routing_key: routingKey, event_action: config.action, dedup_key: e.dedupKey };
      }
      const call = await callApp(deps.deliverer, ctx, { method: 'POST', url: `${deps.baseUrls.pagerduty}/v2/enqueue`, json: event });
      if (call.kind === 'stop') return hideSecrets(call.outcome, credentialSecrets(c));
      const a = call.answer;
      const outcome = a.ok ? { kind: 'succeeded' as const, output: a.body, detail: a.detail } : appRefusal('PagerDuty', 'pagerduty_error', a, { reason: reasonOf(a.body) });
      return hideSecrets(outcome, credentialSecrets(c));
    },
  };
}
