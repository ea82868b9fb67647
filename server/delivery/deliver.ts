import type { Clock } from '../lib/clock.js';
import type { RateLimitSettings } from '../../shared/nodes/http.node.js';
import type { ClientResult, DeliveryClient, OutboundMethod } from './delivery-client.js';
import type { EgressGuard } from './egress-guard.js';
import type { EndpointHealth } from './endpoint-health.js';
import { errorForStatus, type DeliveryError } from './failure-classes.js';
import { bodyValue } from './read-body.js';
import { preview, redactHeaders, redactUrl } from './redact.js';
import { standardWebhookHeaders } from './standard-webhooks.js';

/** One delivery attempt as a step asks for it (templates already rendered). */
export interface DeliveryRequest {
  method: OutboundMethod;
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Same on every attempt: sent as `Idempotency-Key` and `webhook-id`. */
  idempotencyKey: string;
  timeoutMs: number;
  followRedirects: boolean;
  maxRedirects: number;
  responseLimitBytes: number;
  /** Standard Webhooks secret (`whsec_...`): the body is signed anew on each attempt. */
  signingSecret?: string;
  rateLimit?: RateLimitSettings;
  /** Names this delivery across deferrals (run + node), so a queued rate-limit slot is kept for it. */
  deferKey: string;
  /** False for app APIs: their 410 means one resource is gone, not the origin (default true: disable it). */
  disableOnGone?: boolean;
  signal?: AbortSignal;
}

/** What a step stores as its output on success. */
export interface HttpOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  truncated?: true;
  bodyEncoding?: 'base64';
}

export type DeliveryOutcome =
  | { kind: 'delivered'; output: HttpOutput; detail: Record<string, unknown> }
  | { kind: 'failed'; error: DeliveryError; detail: Record<string, unknown> }
  | { kind: 'deferred'; until: number; reason: string; detail: Record<string, unknown> };

/** Sends deliveries through admission (disabled, breaker, rate limit), the guarded client, and health bookkeeping. */
export interface Deliverer {
  deliver(req: DeliveryRequest): Promise<DeliveryOutcome>;
}

const FAILURE_BODY_PREVIEW = 16 * 1024;
const REQUEST_BODY_PREVIEW = 2 * 1024;
// Headers the client computes itself; a user's value would be wrong or unsafe.
const managedHeaders = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'expect']);

function outgoingHeaders(req: DeliveryRequest, url: URL, nowMs: number): Record<string, string> {
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (!managedHeaders.has(k.toLowerCase())) h[k.toLowerCase()] = v;
  h['user-agent'] ??= 'Switchyard-Webhooks/1';
  h['idempotency-key'] ??= req.idempotencyKey;
  h['webhook-id'] ??= req.idempotencyKey;
  if (url.username || url.password) {
    h.authorization ??= `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
  }
  if (req.signingSecret !== undefined) {
    Object.assign(h, standardWebhookHeaders({ id: h['webhook-id'], timestampSec: nowMs / 1000, body: req.body ?? Buffer.alloc(0), secret: req.signingSecret }));
  }
  return h;
}

/** Creates the deliverer. */
export function createDeliverer(deps: { client: DeliveryClient; endpoints: EndpointHealth; guard: EgressGuard; clock: Clock }): Deliverer {
  return {
    async deliver(req) {
      const startedAt = deps.clock.now();
      let url: URL;
      try {
        url = new URL(req.url);
      } catch {
        return {
          kind: 'failed',
          error: { code: 'invalid_url', retryable: false, message: `"${req.url.slice(0, 200)}" is not a valid URL.` },
          detail: { request: { method: req.method, url: req.url.slice(0, 2048) } },
        };
      }
      const requestDetail: Record<string, unknown> = { method: req.method, url: redactUrl(url) };
      const refused = deps.guard.checkUrl(url);
      if (refused) return { kind: 'failed', error: { code: refused.code, retryable: false, message: refused.message }, detail: { request: requestDetail } };

      const origin = url.origin;
      const admission = deps.endpoints.admit(origin, { rateLimit: req.rateLimit, deferKey: req.deferKey });
      const endpointDetail = deps.endpoints.brief(origin);
      if (admission.kind === 'disabled') {
        return {
          kind: 'failed',
          error: {
            code: 'endpoint_disabled',
            retryable: false,
            message: `${origin} is disabled (${admission.reason}). Re-enable it with POST /api/endpoints/${endpointDetail.id}/enable, then replay the run.`,
          },
          detail: { request: requestDetail, endpoint: endpointDetail },
        };
      }
      if (admission.kind === 'wait') {
        return { kind: 'deferred', until: admission.until, reason: admission.reason, detail: { request: requestDetail, endpoint: endpointDetail, held: admission.code } };
      }

      let headers: Record<string, string>;
      try {
        headers = outgoingHeaders(req, url, deps.clock.now());
      } catch (err) {
        deps.endpoints.record(origin, { outcome: 'neutral', probe: admission.probe });
        return {
          kind: 'failed',
          error: { code: 'signing_failed', retryable: false, message: `Could not sign the request: ${err instanceof Error ? err.message : String(err)}` },
          detail: { request: requestDetail },
        };
      }
      url.username = '';
      url.password = '';
      Object.assign(requestDetail, { headers: redactHeaders(headers), bodyBytes: req.body?.length ?? 0, ...(req.body?.length ? { body: preview(req.body, REQUEST_BODY_PREVIEW) } : {}) });

      const result = await deps.client.send({
        method: req.method,
        url,
        headers,
        body: req.body,
        timeoutMs: req.timeoutMs,
        followRedirects: req.followRedirects,
        maxRedirects: req.maxRedirects,
        responseLimitBytes: req.responseLimitBytes,
        signal: req.signal,
      });
      const outcome = toOutcome(result, deps.clock.now());
      const detail: Record<string, unknown> = {
        request: requestDetail,
        ...(result.kind === 'response' ? { response: responseDetail(result, outcome.kind === 'failed') } : {}),
        ...(result.hops.length ? { redirects: result.hops } : {}),
        timing: { startedAt, ...result.timing },
        endpoint: endpointDetail,
      };
      const status = result.kind === 'response' ? result.response.status : undefined;
      const counted = outcome.kind === 'failed' ? breakerCounts(outcome.error) : true;
      deps.endpoints.record(origin, {
        outcome: !counted ? 'neutral' : outcome.kind === 'delivered' ? 'success' : 'failure',
        probe: admission.probe,
        status,
        error: outcome.kind === 'failed' ? outcome.error.message : undefined,
      });
      if (outcome.kind === 'failed' && outcome.error.code === 'endpoint_gone' && req.disableOnGone !== false) deps.endpoints.disable(origin, `answered 410 Gone to ${req.method} ${redactUrl(url)}`);
      return outcome.kind === 'delivered' ? { kind: 'delivered', output: outcome.output, detail } : { kind: 'failed', error: outcome.error, detail };
    },
  };
}

/**
 * Only signs that the endpoint itself is in trouble move the breaker: server errors, 429s,
 * timeouts and broken connections. A 4xx is an answer from a working server; a refusal by
 * the guard or a cancellation never reached it.
 */
function breakerCounts(error: DeliveryError): boolean {
  if (error.code === 'egress_blocked' || error.code === 'cancelled' || error.code === 'invalid_request') return false;
  if (error.status === undefined) return true;
  return error.status >= 500 || error.status === 429 || error.status === 408;
}

function toOutcome(result: ClientResult, now: number): { kind: 'delivered'; output: HttpOutput } | { kind: 'failed'; error: DeliveryError } {
  if (result.kind === 'error') return { kind: 'failed', error: result.error };
  const r = result.response;
  if (r.status >= 200 && r.status < 300) {
    const { value, encoding } = bodyValue(r.body, r.headers['content-type']);
    return { kind: 'delivered', output: { status: r.status, headers: r.headers, body: value, ...(r.body.truncated ? { truncated: true } : {}), ...(encoding ? { bodyEncoding: encoding } : {}) } };
  }
  const error = errorForStatus(r.status, r.statusText, r.headers['retry-after'], now);
  if (error.code === 'redirect_not_followed' && r.headers.location) error.location = r.headers.location;
  return { kind: 'failed', error };
}

function responseDetail(result: Extract<ClientResult, { kind: 'response' }>, failed: boolean): Record<string, unknown> {
  const r = result.response;
  const b = r.body;
  return {
    status: r.status,
    headers: redactHeaders(r.headers),
    bodyBytes: b.bytes.length,
    ...(b.truncated ? { truncated: true } : {}),
    ...(b.decodeError ? { decodeError: b.decodeError } : {}),
    // On success the body is the step's output already; on failure a preview is what a person needs.
    ...(failed && b.bytes.length ? { body: preview(b.bytes, FAILURE_BODY_PREVIEW) } : {}),
  };
}
