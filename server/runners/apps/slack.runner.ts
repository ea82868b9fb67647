import { z } from 'zod';
import type { SlackConfig } from '../../../shared/nodes/apps/slack.node.js';
import type { StepContext, StepOutcome, StepRunner } from '../runner.js';
import { appToken, type AppRunnerDeps } from './app-deps.js';
import { appRefusal, field, textReason } from './app-errors.js';
import { callApp } from './app-http.js';
import { asText, credentialSecrets, hideSecrets, permanent, renderChecked } from './app-step.js';
import { lazySchema } from '../../../shared/lazy-schema.js';

const optionalText = lazySchema(() => z.preprocess((v) => (v === null || v === '' ? undefined : asText(v)), z.string().trim().optional()));
const rendered = lazySchema(() =>
  z.object({
    channel: optionalText,
    text: z.preprocess((v) => (v === null || v === undefined ? '' : asText(v)), z.string()),
    blocks: z.preprocess((v) => (v === null || v === '' ? undefined : v), z.array(z.record(z.string(), z.unknown()), 'blocks must be a list of Block Kit blocks').max(50).optional()),
    threadTs: optionalText,
  }),
);
type Message = z.output<typeof rendered>;

// chat.postMessage errors that say "later", not "never" (https://api.slack.com/methods/chat.postMessage#errors).
const transientSlackErrors = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

const payload = (m: Message) => ({ text: m.text, ...(m.blocks ? { blocks: m.blocks } : {}), ...(m.threadTs ? { thread_ts: m.threadTs } : {}) });

async function viaWebhook(deps: AppRunnerDeps, ctx: StepContext, url: string, m: Message): Promise<StepOutcome> {
  const call = await callApp(deps.deliverer, ctx, { method: 'POST', url, json: payload(m) });
  if (call.kind === 'stop') return call.outcome;
  const a = call.answer;
  // Incoming webhooks answer `ok` as text, and errors as text too: `invalid_payload`, `channel_is_archived`…
  if (!a.ok) return appRefusal('Slack', 'slack_error', a, { reason: textReason(a.body), extra: { slackError: textReason(a.body) } });
  return { kind: 'succeeded', output: { status: a.status, body: a.body }, detail: a.detail };
}

async function viaPostMessage(deps: AppRunnerDeps, ctx: StepContext, token: string, m: Message): Promise<StepOutcome> {
  if (!m.channel) return permanent('invalid_field', '"channel" rendered empty: chat.postMessage needs a channel.', { field: 'channel' });
  const call = await callApp(deps.deliverer, ctx, {
    method: 'POST',
    url: `${deps.baseUrls.slack}/chat.postMessage`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
    json: { channel: m.channel, ...payload(m) },
  });
  if (call.kind === 'stop') return call.outcome;
  const a = call.answer;
  const slackError = field(a.body, 'error');
  if (!a.ok) return appRefusal('Slack', 'slack_error', a, { reason: slackError ?? textReason(a.body), extra: slackError ? { slackError } : {} });
  const body = a.body as { ok?: unknown };
  if (typeof body !== 'object' || body === null || typeof body.ok !== 'boolean') {
    return appRefusal('Slack', 'slack_unexpected_answer', a, { reason: 'not a Slack API answer (no "ok" field)', retryable: true });
  }
  // Slack reports most failures as HTTP 200 with ok:false and an error string.
  if (!body.ok) return appRefusal('Slack', 'slack_error', a, { reason: slackError ?? 'ok: false', retryable: transientSlackErrors.has(slackError ?? ''), extra: { slackError } });
  return { kind: 'succeeded', output: a.body, detail: a.detail };
}

/** The `slack` step: an incoming-webhook message, or chat.postMessage with a bot token; text, Block Kit blocks, a thread. */
export function createSlackRunner(deps: AppRunnerDeps): StepRunner<SlackConfig> {
  return {
    async run(config, ctx) {
      const webhook = config.operation === 'webhook';
      const found = webhook ? await deps.resolveCredential(config.credentialId, ['webhook-url']) : await deps.resolveCredential(config.credentialId, ['slack', 'oauth2']);
      if (!found.ok) return { kind: 'failed', error: found.error };
      const c = found.credential;
      const r = await renderChecked(ctx, { channel: config.channel, text: config.text, blocks: config.blocks, threadTs: config.threadTs }, rendered);
      if (!r.ok) return r.outcome;
      if (r.value.text.trim() === '' && !r.value.blocks?.length) return permanent('invalid_field', '"text" rendered empty and there are no blocks: Slack needs one of them.', { field: 'text' });
      if (c.type === 'webhook-url') return hideSecrets(await viaWebhook(deps, ctx, c.data.url, r.value), credentialSecrets(c));
      if (c.type === 'slack' && !c.data.botToken) return permanent('credential_incomplete', `Credential "${c.name}" has no bot token; add one (xoxb-…) to post with chat.postMessage.`);
      const token = await appToken(deps, c.type === 'oauth2' ? c : { type: c.type, token: c.data.botToken });
      if (!token.ok) return { kind: 'failed', error: token.error };
      return hideSecrets(await viaPostMessage(deps, ctx, token.token, r.value), [...credentialSecrets(c), ...token.secrets]);
    },
  };
}
