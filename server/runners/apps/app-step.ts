import type { z } from 'zod';
import { secretValuesOf } from '../../../shared/credentials/credential-types.js';
import type { StepError } from '../../../shared/runs/run-status.js';
import type { ReadCredential } from '../../credentials/credential-service.js';
import { redactSecrets, secretPattern } from '../../credentials/redact-secrets.js';
import type { StepContext, StepOutcome } from '../runner.js';

/** A failed outcome that is not retried: the same input would fail the same way. */
export const permanent = (code: string, message: string, extra: Record<string, unknown> = {}): StepOutcome => ({
  kind: 'failed',
  error: { code, message, retryable: false, ...extra },
});

export const failWith = (error: StepError, detail?: Record<string, unknown>): StepOutcome => ({ kind: 'failed', error, ...(detail ? { detail } : {}) });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Renders the step's templated settings once, then checks the rendered values with `schema`
 * (a `{{ }}` may yield anything). A bad value fails the step for good, naming the setting.
 */
export async function renderChecked<S extends z.ZodType>(
  ctx: StepContext,
  settings: Record<string, unknown>,
  schema: S,
): Promise<{ ok: true; value: z.output<S> } | { ok: false; outcome: StepOutcome }> {
  const rendered = await ctx.render(settings);
  if (!rendered.ok) return { ok: false, outcome: failWith({ retryable: false, ...rendered.error }) };
  const checked = schema.safeParse(isRecord(rendered.value) ? rendered.value : {});
  if (checked.success) return { ok: true, value: checked.data };
  const issue = checked.error.issues[0];
  const field = issue?.path.join('.') || 'config';
  return { ok: false, outcome: permanent('invalid_field', `"${field}" rendered to something this step cannot send: ${issue?.message ?? 'invalid'}.`, { field }) };
}

/**
 * Hides the credential's own secrets (and forms derived from them: a webhook URL's path, a
 * Basic auth token) in what the step returns. The executor redacts every stored secret too;
 * this is the runner's own guarantee, independent of that.
 */
export function hideSecrets(outcome: StepOutcome, secrets: readonly string[]): StepOutcome {
  const pattern = secretPattern(secrets);
  return pattern ? redactSecrets(outcome, pattern) : outcome;
}

/** The forms of a webhook URL that must not be shown: the URL and its path with the query (the token lives there). */
function webhookUrlSecrets(url: string): string[] {
  if (!URL.canParse(url)) return [url];
  const u = new URL(url);
  return [url, u.href, `${u.pathname}${u.search}`];
}

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** Every secret of a credential, with the forms a request carries it in (a webhook URL's path, a Basic token). */
export function credentialSecrets(c: ReadCredential, basicUser?: string): string[] {
  const out = secretValuesOf(c.type, c.data, base64);
  if (c.type === 'webhook-url') out.push(...webhookUrlSecrets(c.data.url));
  if (basicUser !== undefined) for (const s of [...out]) out.push(base64(`${basicUser}:${s}`));
  return out;
}

/** Text for a setting rendered from a template: numbers and booleans become text, anything else is refused. */
export const asText = (v: unknown): unknown => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v);
