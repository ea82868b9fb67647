import type { HttpConfig } from '../../shared/nodes/http.node.js';
import type { StepError } from '../../shared/runs/run-status.js';
import type { Deliverer } from '../delivery/deliver.js';
import type { ResolveCredential } from '../credentials/resolve-credential.js';
import { redactSecrets, secretPattern } from '../credentials/redact-secrets.js';
import type { StepOutcome, StepRunner } from './runner.js';
import { applyAuth, placeToken, type OAuthTokenSource } from './http-auth.js';
import { walkPages, type FetchPage } from './http/walk-pages.js';

/** What the http runner needs: the deliverer, and (once credentials exist) a way to read a signing secret. */
export interface HttpRunnerDeps {
  deliverer: Deliverer;
  /** The `secret` of a `webhook-secret` credential, or null when there is no such credential. */
  resolveSigningSecret?: (credentialId: string) => Promise<string | null>;
  /** Credentials by id, for `auth`; without it a step with `auth` fails naming the credential. */
  resolveCredential?: ResolveCredential;
  /** Access tokens of oauth2 credentials (server/oauth/oauth-tokens.ts). */
  oauthToken?: OAuthTokenSource;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (error: StepError) => ({ kind: 'failed' as const, error });

function renderedHeaders(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    out[k.toLowerCase()] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

/** Objects and arrays go as JSON (with a JSON content type unless one is set); strings as they are. */
function encodeBody(method: HttpConfig['method'], body: unknown, headers: Record<string, string>): Buffer | undefined {
  if (method === 'GET' || method === 'HEAD' || body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  headers['content-type'] ??= 'application/json';
  return Buffer.from(JSON.stringify(body), 'utf8');
}

/** A delivery's outcome as the step's. */
function asOutcome(outcome: Awaited<ReturnType<Deliverer['deliver']>>): StepOutcome {
  switch (outcome.kind) {
    case 'delivered':
      return { kind: 'succeeded', output: outcome.output, detail: outcome.detail };
    case 'failed':
      return { kind: 'failed', error: outcome.error, detail: outcome.detail };
    case 'deferred':
      return { kind: 'deferred', until: outcome.until, reason: outcome.reason, detail: outcome.detail };
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

/**
 * The `http` step: renders url, headers and body once, then delivers through the guarded
 * client with the step's idempotency key. 2xx succeeds; other answers and network errors
 * fail with a classified, retry-aware error; an open circuit or a rate limit defers.
 */
export function createHttpRunner(deps: HttpRunnerDeps): StepRunner<HttpConfig> {
  return {
    async run(config, ctx) {
      const rendered = await ctx.render({ url: config.url, headers: config.headers, body: config.body });
      if (!rendered.ok) return fail({ retryable: false, ...rendered.error });
      const value = isRecord(rendered.value) ? rendered.value : {};
      const url = value.url;
      if (typeof url !== 'string' || url.trim() === '') {
        return fail({ code: 'invalid_url', retryable: false, message: 'The URL rendered to an empty or non-text value.' });
      }
      const headers = renderedHeaders(value.headers);
      const body = encodeBody(config.method, value.body, headers);
      let target = url.trim();
      let authed: Extract<Awaited<ReturnType<typeof applyAuth>>, { ok: true }> | undefined;
      if (config.auth) {
        const a = await applyAuth(deps, config.auth.credentialId, target, headers);
        if (!a.ok) return fail(a.error);
        authed = a;
        target = a.url;
      }

      let signingSecret: string | undefined;
      if (config.signing) {
        const secret = deps.resolveSigningSecret ? await deps.resolveSigningSecret(config.signing.credentialId) : null;
        if (secret === null) {
          return fail({ code: 'signing_unavailable', retryable: false, message: `The signing credential "${config.signing.credentialId}" was not found; pick a webhook-secret credential.` });
        }
        signingSecret = secret;
      }

      const send = (to: string, sentHeaders: Record<string, string>, idempotencyKey: string) =>
        deps.deliverer.deliver({
          method: config.method,
          url: to,
          headers: sentHeaders,
          body,
          idempotencyKey,
          timeoutMs: config.timeoutMs,
          followRedirects: config.followRedirects,
          maxRedirects: config.maxRedirects,
          responseLimitBytes: config.responseLimitBytes,
          signingSecret,
          rateLimit: config.rateLimit,
          deferKey: `${ctx.runId}:${ctx.nodeId}`,
          signal: ctx.signal,
        });
      const firstHeaders = authed?.headers ?? headers;
      const secrets = [...(authed?.secrets ?? [])];
      if (config.pagination) {
        if (!URL.canParse(target)) return fail({ code: 'invalid_url', retryable: false, message: 'Pagination needs an absolute URL.' });
        // Each page is its own request: the first keeps the step's key, later ones add their number.
        const fetchPage: FetchPage = async (pageUrl, page) => {
          const outcome = await send(pageUrl, firstHeaders, page === 1 ? ctx.idempotencyKey : `${ctx.idempotencyKey}:p${page}`);
          return outcome.kind === 'delivered' ? { ok: true, output: outcome.output } : { ok: false, outcome: asOutcome(outcome) };
        };
        return hide(await walkPages(config.pagination, target, fetchPage), secrets);
      }
      let outcome = await send(target, firstHeaders, ctx.idempotencyKey);
      // A 401 with an OAuth2 token: the token may have been revoked or rotated early. Refresh once and send once more.
      if (outcome.kind === 'failed' && outcome.error.status === 401 && authed?.oauth && deps.oauthToken) {
        const again = await deps.oauthToken(authed.oauth.credential, { rejected: authed.oauth.token });
        if (!again.ok) return hide(fail(again.error), secrets);
        const placed = placeToken(authed.oauth.credential, again.accessToken, url.trim(), headers);
        if (!placed.ok) return hide(fail(placed.error), secrets);
        secrets.push(again.accessToken);
        outcome = await send(placed.url, placed.headers, ctx.idempotencyKey);
      }
      return hide(asOutcome(outcome), secrets);
    },
  };
}

/** The credential's values hidden in the outcome (tokens in a URL or an echoed header), beside the executor's own redaction. */
function hide(outcome: StepOutcome, secrets: readonly string[]): StepOutcome {
  const pattern = secretPattern(secrets);
  return pattern ? redactSecrets(outcome, pattern) : outcome;
}
