import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { AppError, type ErrorCode } from '../../shared/errors.js';
import type { Clock } from '../lib/clock.js';
import { readBody } from './read-body.js';
import { parseBody } from './parse-body.js';
import type { TriggerResolver } from './trigger-resolver.js';
import type { AcceptEvent } from './accept-event.js';
import type { createWaiters } from './trigger-waiters.js';
import type { RunReply } from '../engine/step-types.js';
import type { CapturedEvent } from './captured-event.js';
import type { TriggerVerifier } from './trigger-verifier.js';
import { canonicalIp } from './ip-allow.js';
import { triggerKey, type TriggerLimiter } from './rate-limit.js';
import { declaredSize, safeHeaders, type RejectedRequest } from './rejection-inbox.js';

export interface IngestDeps {
  resolver: TriggerResolver;
  accept: AcceptEvent;
  clock: Clock;
  logger: Logger;
  replies: ReturnType<typeof createWaiters<RunReply>>;
  listeners: ReturnType<typeof createWaiters<CapturedEvent>>;
  /** Called after an event is durably stored, so workers look for it at once. */
  onAccepted: () => void;
  verifier: TriggerVerifier;
  /** The base of trigger URLs as senders see them (signatures may cover it). */
  publicUrl: string;
  /** Told of every request a known trigger refuses (401, 403, 405, 413, 429, 400), for its inbox and counter. */
  onRejected?: (rejection: RejectedRequest) => void;
  /** Per-trigger token buckets; without one nothing is rate limited. */
  limiter?: TriggerLimiter;
  /** The client's address as TRUST_PROXY says to believe it; by default the socket's peer. */
  clientAddress?: (req: IncomingMessage) => string | null;
}

const MAX_DEDUPE_KEY = 255;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, new AppError(code, status, message).toBody(), headers);
}

function headerMap(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function queryMap(search: URLSearchParams): Record<string, string | string[]> {
  // A null prototype: `?__proto__=x` must be a plain key, not swap the object's prototype.
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [k, v] of search) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return { ...out };
}

/**
 * `POST /hooks/<token>`, written against node:http because it is the hot path. Reads the raw
 * body under the trigger's limit, parses it by the trigger's format, stores event + run + job
 * durably, then answers 202 (or waits for a Respond step). Nothing executes in the request.
 */
export function createIngestHandler(deps: IngestDeps) {
  return async function ingest(req: IncomingMessage, res: ServerResponse, token: string, url: URL): Promise<void> {
    const trigger = deps.resolver.resolve(token);
    const listening = trigger ? deps.listeners.has(`${trigger.workflowId}:${trigger.nodeId}`) : false;
    if (!trigger || (!trigger.active && !listening)) {
      req.resume();
      return sendError(res, 404, 'NOT_FOUND', 'No active trigger has this URL.');
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const source = deps.clientAddress ? deps.clientAddress(req) : canonicalIp(req.socket.remoteAddress ?? '');
    /** Answers a refusal with the error shape plus its `reason`, and tells the inbox (never the body). */
    const refuse = (status: number, code: ErrorCode, reason: string, message: string, size: number | null, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}) => {
      deps.onRejected?.({ workflowId: trigger.workflowId, nodeId: trigger.nodeId, status, reason, source, method: method.slice(0, 16), size, headers: safeHeaders(req.headers) });
      sendJson(res, status, { error: { ...extra, code, reason, message } }, headers);
    };
    // The cheap refusals come before the body is read: a flood or a fenced-off sender costs no buffering.
    if (trigger.allow && !trigger.allow(source)) {
      req.resume();
      return refuse(403, 'FORBIDDEN', 'ip_not_allowed', `Requests from ${source ?? 'an unknown address'} may not call this trigger (it has an IP allow-list).`, declaredSize(req.headers));
    }
    const taken = deps.limiter?.take(triggerKey(trigger.workflowId, trigger.nodeId), trigger.rateLimit);
    if (taken && !taken.ok) {
      req.resume();
      const wait = taken.retryAfterSeconds;
      return refuse(429, 'RATE_LIMITED', 'rate_limited', `Too many requests to this trigger; retry in ${wait} s. Nothing was stored.`, declaredSize(req.headers), { 'retry-after': String(wait) }, { retryAfterSeconds: wait });
    }
    if (!(trigger.config.methods as readonly string[]).includes(method)) {
      req.resume();
      return refuse(405, 'METHOD_NOT_ALLOWED', 'method_not_allowed', `This trigger accepts ${trigger.config.methods.join(', ')}.`, declaredSize(req.headers), {
        allow: trigger.config.methods.join(', '),
      });
    }
    const declared = declaredSize(req.headers);
    if (declared !== null && declared > trigger.config.maxBodyBytes) {
      // Answer at once (a sender that declares 10 GB and stalls must not wait for a timeout), and
      // keep draining in the background, so the sender can read the 413 before the socket closes.
      void readBody(req, trigger.config.maxBodyBytes).then((r) => !r.ok && r.reason === 'too_large' && !req.complete && req.socket.destroy());
      return refuse(413, 'PAYLOAD_TOO_LARGE', 'body_too_large', `The body is larger than this trigger's limit of ${trigger.config.maxBodyBytes} bytes.`, declared);
    }
    const read = await readBody(req, trigger.config.maxBodyBytes);
    if (!read.ok) {
      if (read.reason === 'aborted') return void res.destroy();
      return refuse(413, 'PAYLOAD_TOO_LARGE', 'body_too_large', `The body is larger than this trigger's limit of ${trigger.config.maxBodyBytes} bytes.`, declaredSize(req.headers), {
        connection: 'close',
      });
    }
    const headers = headerMap(req);
    const now = deps.clock.now();
    // Authentication first, on the raw bytes: a forged request learns nothing about the body format.
    const verdict = await deps.verifier.verify(trigger.config.auth, {
      workflowId: trigger.workflowId,
      nodeId: trigger.nodeId,
      method,
      publicUrl: `${deps.publicUrl}${url.pathname}${url.search}`,
      headers,
      rawBody: read.body,
      now,
    });
    if (!verdict.ok) return refuse(401, 'UNAUTHORIZED', verdict.code, verdict.message, read.body.length);
    if (verdict.reply) {
      res.writeHead(verdict.reply.status, verdict.reply.headers);
      return void res.end(verdict.reply.body);
    }
    const parsed = parseBody(read.body, headers['content-type'], trigger.config.bodyFormat);
    if (!parsed.ok) return refuse(400, 'MALFORMED_BODY', 'malformed_body', parsed.message, read.body.length);
    // A provider's event id is signed (Stripe, Slack: inside the body), so it wins over an unsigned header.
    const dedupeKey = verdict.dedupeKey || headers['idempotency-key']?.trim() || null;
    // Headers that carry the credential itself (basic, header auth) are never stored.
    for (const name of verdict.redactHeaders ?? []) if (name in headers) headers[name] = '[redacted]';
    if (dedupeKey && dedupeKey.length > MAX_DEDUPE_KEY) {
      return refuse(400, 'BAD_REQUEST', 'idempotency_key_too_long', `The Idempotency-Key header is longer than ${MAX_DEDUPE_KEY} characters.`, read.body.length);
    }
    const query = queryMap(url.searchParams);
    if (listening) {
      deps.listeners.deliver(`${trigger.workflowId}:${trigger.nodeId}`, { method, headers, query, body: parsed.body, receivedAt: now });
      if (!trigger.active) return sendJson(res, 200, { captured: true, message: 'Test event captured by the editor; no run was started.' });
    }
    let outcome;
    try {
      outcome = await deps.accept({
        event: { workflowId: trigger.workflowId, nodeId: trigger.nodeId, dedupeKey, method, path: url.pathname, query, headers, body: read.body, receivedAt: now },
        version: trigger.version,
        concurrency: trigger.concurrency,
      });
    } catch (error) {
      deps.logger.error({ err: error, workflowId: trigger.workflowId }, 'could not store an incoming event');
      return sendError(res, 503, 'UNAVAILABLE', 'The event could not be stored; nothing was accepted. Retry later.', { 'retry-after': '5' });
    }
    if (outcome.kind === 'duplicate') return sendJson(res, 200, { runId: outcome.runId, eventId: outcome.eventId, duplicate: true });
    deps.onAccepted();
    const ids = { runId: outcome.runId, eventId: outcome.eventId };
    if (trigger.config.respond !== 'respond-step') return sendJson(res, 202, ids);
    const answer = await deps.replies.wait(outcome.runId, trigger.config.respondTimeoutMs);
    if (answer?.kind !== 'reply') return sendJson(res, 202, ids);
    const { status, headers: replyHeaders, body } = answer.reply;
    const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
    const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
    res.writeHead(status, { 'content-type': type, ...replyHeaders, 'x-switchyard-run-id': outcome.runId });
    res.end(text);
  };
}
