import { z } from 'zod';
import type { TeamsConfig } from '../../../shared/nodes/apps/teams.node.js';
import type { StepRunner } from '../runner.js';
import type { AppRunnerDeps } from './app-deps.js';
import { appRefusal, field, textReason } from './app-errors.js';
import { callApp, type AppAnswer } from './app-http.js';
import { asText, credentialSecrets, hideSecrets, renderChecked } from './app-step.js';
import { lazySchema } from '../../../shared/lazy-schema.js';

const text = lazySchema(() => z.preprocess(asText, z.string().trim().min(1, 'rendered empty')));
const rendered = lazySchema(() =>
  z.object({
    title: text,
    text,
    facts: z.record(z.string(), z.unknown()).optional(),
    linkUrl: z.preprocess((v) => (v === null || v === '' ? undefined : v), z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  }),
);
type Card = z.output<typeof rendered>;

const factValue = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

/** A message with one Adaptive Card, as Teams incoming webhooks (and Workflows webhooks) take it. */
export function adaptiveCardMessage(card: Card) {
  const facts = Object.entries(card.facts ?? {}).map(([title, value]) => ({ title, value: factValue(value) }));
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: card.title, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: card.text, wrap: true },
            ...(facts.length ? [{ type: 'FactSet', facts }] : []),
          ],
          ...(card.linkUrl ? { actions: [{ type: 'Action.OpenUrl', title: 'Open', url: card.linkUrl }] } : {}),
        },
      },
    ],
  };
}

/**
 * Old Office 365 connector webhooks answer 200 even when Teams refused the message, with the
 * real status in the text ("Microsoft Teams endpoint returned HTTP error 429 …").
 */
function hiddenFailure(a: AppAnswer): number | undefined {
  const m = typeof a.body === 'string' ? /returned HTTP error (\d{3})/.exec(a.body) : null;
  return m ? Number(m[1]) : undefined;
}

/** Workflows webhooks refuse with `{error: {code, message}}`; connector webhooks with plain text. */
function reasonOf(body: unknown): string | undefined {
  const e = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  const code = field(e, 'code');
  const message = field(e, 'message');
  return code || message ? [code, message].filter(Boolean).join(': ') : textReason(body);
}

/** The `teams` step: an Adaptive Card with title, text, facts and a link, through an incoming webhook. */
export function createTeamsRunner(deps: AppRunnerDeps): StepRunner<TeamsConfig> {
  return {
    async run(config, ctx) {
      const found = await deps.resolveCredential(config.credentialId, ['webhook-url']);
      if (!found.ok) return { kind: 'failed', error: found.error };
      const c = found.credential;
      const r = await renderChecked(ctx, { title: config.title, text: config.text, facts: config.facts, linkUrl: config.linkUrl }, rendered);
      if (!r.ok) return r.outcome;
      const call = await callApp(deps.deliverer, ctx, { method: 'POST', url: c.data.url, json: adaptiveCardMessage(r.value) });
      if (call.kind === 'stop') return hideSecrets(call.outcome, credentialSecrets(c));
      const a = call.answer;
      const hidden = a.ok ? hiddenFailure(a) : undefined;
      const outcome = !a.ok
        ? appRefusal('Microsoft Teams', 'teams_error', a, { reason: reasonOf(a.body) })
        : hidden !== undefined
          ? appRefusal('Microsoft Teams', 'teams_error', { ...a, status: hidden }, { reason: textReason(a.body) })
          : { kind: 'succeeded' as const, output: { status: a.status, body: a.body }, detail: a.detail };
      return hideSecrets(outcome, credentialSecrets(c));
    },
  };
}
