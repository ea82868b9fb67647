import type { Deliverer, DeliveryOutcome } from '../../delivery/deliver.js';
import type { OutboundMethod } from '../../delivery/delivery-client.js';
import type { DeliveryError } from '../../delivery/failure-classes.js';
import type { StepContext, StepOutcome } from '../runner.js';

/** One call to an app's API, as a runner describes it. */
export interface AppRequest {
  method: OutboundMethod;
  url: string;
  headers?: Record<string, string>;
  /** Sent as `application/json`. */
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  /** Tells the calls of one step apart (a lookup, then a create): suffixes their idempotency and defer keys. */
  part?: string;
}

/** What the app answered: its status, headers and parsed body; `error` when it was not a 2xx. */
export interface AppAnswer {
  ok: boolean;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  error?: DeliveryError;
  detail: Record<string, unknown>;
}

/** An answer to interpret, or an outcome to return as it is (refused by the guard, no connection, held by the breaker). */
export type AppCallResult = { kind: 'answer'; answer: AppAnswer } | { kind: 'stop'; outcome: StepOutcome };

/** An API call gets 15 s and keeps 256 KiB of the answer: app answers are small. */
const TIMEOUT_MS = 15_000;
const RESPONSE_LIMIT = 256 * 1024;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseText(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function encode(req: AppRequest, headers: Record<string, string>): Buffer | undefined {
  if (req.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    return Buffer.from(JSON.stringify(req.json), 'utf8');
  }
  if (req.form !== undefined) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    return Buffer.from(new URLSearchParams(req.form).toString(), 'utf8');
  }
  return undefined;
}

function toResult(outcome: DeliveryOutcome): AppCallResult {
  switch (outcome.kind) {
    case 'delivered':
      return { kind: 'answer', answer: { ok: true, status: outcome.output.status, headers: outcome.output.headers, body: outcome.output.body, detail: outcome.detail } };
    case 'deferred':
      return { kind: 'stop', outcome: { kind: 'deferred', until: outcome.until, reason: outcome.reason, detail: outcome.detail } };
    case 'failed': {
      const response = isRecord(outcome.detail.response) ? outcome.detail.response : undefined;
      if (!response || outcome.error.status === undefined) return { kind: 'stop', outcome: { kind: 'failed', error: outcome.error, detail: outcome.detail } };
      const headers = isRecord(response.headers) ? (response.headers as Record<string, string>) : {};
      return { kind: 'answer', answer: { ok: false, status: outcome.error.status, headers, body: parseText(response.body), error: outcome.error, detail: outcome.detail } };
    }
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

/**
 * Calls an app through the guarded delivery client (SSRF guard, breaker, rate limits), with
 * the step's idempotency key. A 410 from an app names a missing resource, not a dead
 * endpoint, so it never disables the app's whole origin.
 */
export async function callApp(deliverer: Deliverer, ctx: StepContext, req: AppRequest): Promise<AppCallResult> {
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  const body = encode(req, headers);
  const suffix = req.part ? `-${req.part}` : '';
  const outcome = await deliverer.deliver({
    method: req.method,
    url: req.url,
    headers,
    body,
    idempotencyKey: `${ctx.idempotencyKey}${suffix}`,
    timeoutMs: TIMEOUT_MS,
    followRedirects: false,
    maxRedirects: 1,
    responseLimitBytes: RESPONSE_LIMIT,
    deferKey: `${ctx.runId}:${ctx.nodeId}${suffix}`,
    disableOnGone: false,
    signal: ctx.signal,
  });
  return toResult(outcome);
}

/** The details of several calls of one step: the last one's, with the earlier ones listed. */
export function joinDetails(details: readonly Record<string, unknown>[]): Record<string, unknown> {
  const last = details[details.length - 1] ?? {};
  return details.length > 1 ? { ...last, earlierCalls: details.slice(0, -1) } : last;
}
