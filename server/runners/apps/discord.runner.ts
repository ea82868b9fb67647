import { z } from 'zod';
import type { DiscordConfig } from '../../../shared/nodes/apps/discord.node.js';
import type { StepRunner } from '../runner.js';
import type { AppRunnerDeps } from './app-deps.js';
import { appRefusal, field, textReason } from './app-errors.js';
import { callApp } from './app-http.js';
import { asText, credentialSecrets, hideSecrets, permanent, renderChecked } from './app-step.js';
import { lazySchema } from '../../../shared/lazy-schema.js';

const optionalText = lazySchema(() => z.preprocess((v) => (v === null || v === '' ? undefined : asText(v)), z.string().trim().optional()));
const rendered = lazySchema(() =>
  z.object({
    content: z.preprocess((v) => (v === null || v === undefined ? '' : asText(v)), z.string().max(2000, 'Discord allows at most 2000 characters')),
    username: optionalText,
    avatarUrl: optionalText,
    embeds: z.preprocess((v) => (v === null || v === '' ? undefined : v), z.array(z.record(z.string(), z.unknown()), 'embeds must be a list of embed objects').max(10).optional()),
  }),
);

/** `?wait=true` makes Discord confirm the message was saved and return it, instead of a silent 204. */
function withWait(url: string): string {
  if (!URL.canParse(url)) return url;
  const u = new URL(url);
  u.searchParams.set('wait', 'true');
  return u.href;
}

/** Discord's 429 body says how long to wait, in seconds (`retry_after`), also when no header does. */
function retryAfterFromBody(body: unknown): number | undefined {
  const v = typeof body === 'object' && body !== null ? (body as { retry_after?: unknown }).retry_after : undefined;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.ceil(v * 1000) : undefined;
}

/** The `discord` step: a message with optional username, avatar and embeds, through a channel webhook. */
export function createDiscordRunner(deps: AppRunnerDeps): StepRunner<DiscordConfig> {
  return {
    async run(config, ctx) {
      const found = await deps.resolveCredential(config.credentialId, ['webhook-url']);
      if (!found.ok) return { kind: 'failed', error: found.error };
      const c = found.credential;
      const r = await renderChecked(ctx, { content: config.content, username: config.username, avatarUrl: config.avatarUrl, embeds: config.embeds }, rendered);
      if (!r.ok) return r.outcome;
      const m = r.value;
      if (m.content.trim() === '' && !m.embeds?.length) return permanent('invalid_field', '"content" rendered empty and there are no embeds: Discord needs one of them.', { field: 'content' });
      const call = await callApp(deps.deliverer, ctx, {
        method: 'POST',
        url: withWait(c.data.url),
        json: { content: m.content, ...(m.username ? { username: m.username } : {}), ...(m.avatarUrl ? { avatar_url: m.avatarUrl } : {}), ...(m.embeds ? { embeds: m.embeds } : {}) },
      });
      if (call.kind === 'stop') return hideSecrets(call.outcome, credentialSecrets(c));
      const a = call.answer;
      const outcome = a.ok
        ? { kind: 'succeeded' as const, output: { status: a.status, body: a.body }, detail: a.detail }
        : appRefusal('Discord', 'discord_error', a, {
            reason: field(a.body, 'message') ?? textReason(a.body),
            retryAfterMs: a.status === 429 ? retryAfterFromBody(a.body) : undefined,
            extra: field(a.body, 'code') ? { discordCode: Number(field(a.body, 'code')) } : {},
          });
      return hideSecrets(outcome, credentialSecrets(c));
    },
  };
}
