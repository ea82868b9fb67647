import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { ErrorCode } from '../../shared/errors.js';
import type { Clock } from '../lib/clock.js';
import { readBody } from './read-body.js';
import { parseBody } from './parse-body.js';
import type { ResolvedTrigger, TriggerResolver } from './trigger-resolver.js';
import type { AcceptEvent, AcceptInput } from './accept-event.js';
import type { createWaiters } from './trigger-waiters.js';
import type { RunReply } from '../engine/step-types.js';
import type { CapturedEvent } from './captured-event.js';
import type { TriggerVerifier } from './trigger-verifier.js';
import { canonicalIp } from './ip-allow.js';
import { triggerKey, type TriggerLimiter } from './rate-limit.js';
import { declaredSize, safeHeaders } from './rejection-inbox.js';
import type { IngestOutcome } from './ingest-outcome.js';
import type { BacklogGate } from './backlog-gate.js';
import { formSubmission } from './form-submission.js';

export interface IngestDecisionDeps {
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
  /** Per-trigger token buckets; without one nothing is rate limited. */
  limiter?: TriggerLimiter;
  /** The client's address as TRUST_PROXY says to believe it; by default the socket's peer. */
  clientAddress?: (req: IncomingMessage) => string | null;
  /** The bound on work waiting to run; without one every event is accepted. */
  backlog?: Pick<BacklogGate, 'check' | 'accepted' | 'paceMs'>;
}

const MAX_DEDUPE_KEY = 255;

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

/** One request to one known trigger, with what every refusal needs. */
interface Call {
  req: IncomingMessage;
  url: URL;
  trigger: ResolvedTrigger;
  listening: boolean;
  method: string;
  source: string | null;
}

type Refuse = (status: number, code: ErrorCode, reason: string, message: string, size: number | null, headers?: Record<string, string>, extra?: Record<string, unknown>) => IngestOutcome;

const refuserFor =
  (c: Call): Refuse =>
  (status, code, reason, message, size, headers, extra) => ({
    kind: 'refused',
    status,
    code,
    reason,
    message,
    headers,
    extra,
    rejection: { workflowId: c.trigger.workflowId, nodeId: c.trigger.nodeId, status, reason, source: c.source, method: c.method.slice(0, 16), size, headers: safeHeaders(c.req.headers) },
  });

/**
 * Decides what becomes of a request to a trigger URL and returns it as an `IngestOutcome`; it
 * reads the request and stores the event, but never writes the response. The order is the
 * contract: cheap refusals before the body is read (a flood or a fenced-off sender costs no
 * buffering), authentication on the raw bytes before parsing, and the event durable before
 * anything is acknowledged. Nothing executes in the request.
 */
export function createIngestDecision(deps: IngestDecisionDeps) {
  /** The refusals that need no body: IP allow-list, rate limit, method, declared size. */
  const beforeBody = (c: Call, refuse: Refuse): IngestOutcome | undefined => {
    const { req, trigger } = c;
    const declared = declaredSize(req.headers);
    if (trigger.allow && !trigger.allow(c.source)) {
      req.resume();
      return refuse(403, 'FORBIDDEN', 'ip_not_allowed', `Requests from ${c.source ?? 'an unknown address'} may not call this trigger (it has an IP allow-list).`, declared);
    }
    const taken = deps.limiter?.take(triggerKey(trigger.workflowId, trigger.nodeId), trigger.rateLimit);
    if (taken && !taken.ok) {
      req.resume();
      const wait = taken.retryAfterSeconds;
      return refuse(
        429,
        'RATE_LIMITED',
        'rate_limited',
        `Too many requests to this trigger; retry in ${wait} s. Nothing was stored.`,
        declared,
        { 'retry-after': String(wait) },
        { retryAfterSeconds: wait },
      );
    }
    const full = deps.backlog?.check();
    if (full) {
      req.resume();
      return { kind: 'backlog_full', ...full };
    }
    if (!(trigger.config.methods as readonly string[]).includes(c.method)) {
      req.resume();
      return refuse(405, 'METHOD_NOT_ALLOWED', 'method_not_allowed', `This trigger accepts ${trigger.config.methods.join(', ')}.`, declared, { allow: trigger.config.methods.join(', ') });
    }
    if (declared !== null && declared > trigger.config.maxBodyBytes) {
      // Answer at once (a sender that declares 10 GB and stalls must not wait for a timeout), and
      // keep draining in the background, so the sender can read the 413 before the socket closes.
      void readBody(req, trigger.config.maxBodyBytes).then((r) => !r.ok && r.reason === 'too_large' && !req.complete && req.socket.destroy());
      return refuse(413, 'PAYLOAD_TOO_LARGE', 'body_too_large', `The body is larger than this trigger's limit of ${trigger.config.maxBodyBytes} bytes.`, declared);
    }
    return undefined;
  };

  /** Stores the event (group commit, durable) and, for a Respond trigger, waits for the answer. */
  const store = async (c: Call, event: Parameters<AcceptEvent>[0]['event'], trigger?: AcceptInput['trigger']): Promise<IngestOutcome> => {
    let outcome;
    try {
      outcome = await deps.accept({ event, version: c.trigger.version, concurrency: c.trigger.concurrency, live: !c.trigger.test, trigger });
    } catch (error) {
      deps.logger.error({ err: error, workflowId: c.trigger.workflowId }, 'could not store an incoming event');
      return { kind: 'unavailable' };
    }
    // A held event waits for the workflow's resume: no run to wake, none to answer for.
    if (outcome.kind === 'duplicate' || outcome.kind === 'held') return outcome;
    deps.backlog?.accepted(event.body.length);
    deps.onAccepted();
    if (c.trigger.config.respond !== 'respond-step') return outcome;
    const answer = await deps.replies.wait(outcome.runId, c.trigger.config.respondTimeoutMs);
    return answer?.kind === 'reply' ? { kind: 'replied', runId: outcome.runId, reply: answer.reply } : outcome;
  };

  /** From the body on: read, verify, parse, dedupe key, test listener, store. */
  const withBody = async (c: Call, refuse: Refuse): Promise<IngestOutcome> => {
    const { req, url, trigger, method } = c;
    const read = await readBody(req, trigger.config.maxBodyBytes);
    if (!read.ok) {
      if (read.reason === 'aborted') return { kind: 'aborted' };
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
    if (verdict.reply) return { kind: 'handshake', ...verdict.reply };
    const parsedAs = headers['content-type'];
    const parsed = parseBody(read.body, parsedAs, trigger.config.bodyFormat);
    if (!parsed.ok) return refuse(400, 'MALFORMED_BODY', 'malformed_body', parsed.message, read.body.length);
    // A provider's event id is signed (Stripe, Slack: inside the body), so it wins over an unsigned header.
    const givenKey = verdict.dedupeKey || headers['idempotency-key']?.trim() || null;
    // A test URL's events dedupe among themselves, never against the live URL's (same provider id).
    const dedupeKey = givenKey && trigger.test ? `test:${givenKey}` : givenKey;
    // Headers that carry the credential itself (basic, header auth) are never stored.
    for (const name of verdict.redactHeaders ?? []) if (name in headers) headers[name] = '[redacted]';
    if (dedupeKey && dedupeKey.length > MAX_DEDUPE_KEY) {
      return refuse(400, 'BAD_REQUEST', 'idempotency_key_too_long', `The Idempotency-Key header is longer than ${MAX_DEDUPE_KEY} characters.`, read.body.length);
    }
    // A form stores its checked values, or nothing at all: each field's error goes back (400).
    const submitted = trigger.form ? formSubmission(trigger.form, parsed.body, headers) : { ok: true as const, body: read.body, headers };
    if (!submitted.ok) {
      return refuse(400, 'VALIDATION_FAILED', 'invalid_fields', 'Some fields are not valid (see fields); nothing was stored.', read.body.length, undefined, { fields: submitted.errors });
    }
    const query = queryMap(url.searchParams);
    if (c.listening) {
      deps.listeners.deliver(`${trigger.workflowId}:${trigger.nodeId}`, { method, headers, query, body: parsed.body, receivedAt: now });
      if (!trigger.active) return { kind: 'captured' };
    }
    const event = { workflowId: trigger.workflowId, nodeId: trigger.nodeId, dedupeKey, method, path: url.pathname, query, headers: submitted.headers, body: submitted.body, receivedAt: now };
    // What the run's steps will see, as the executor would rebuild it from the stored event
    // (run-state.ts triggerData): the same bytes, content type and parser. A form stores other
    // bytes than it parsed, and a test URL runs a draft, so both are rebuilt from the event.
    const sameParse = !trigger.form && !trigger.test && event.headers['content-type'] === parsedAs && event.body === read.body;
    return store(c, event, sameParse ? { method, path: url.pathname, headers: event.headers, query, body: parsed.body } : undefined);
  };

  /** `test`: the request came to the trigger's test URL (`/hooks/test/<token>`), which runs the draft. */
  return async function decide(req: IncomingMessage, token: string, url: URL, test = false): Promise<IngestOutcome> {
    let trigger;
    try {
      trigger = await deps.resolver.resolve(token, test);
    } catch (error) {
      // The database cannot be read (an outage): the sender retries later, as for a failed store.
      deps.logger.error({ err: error }, 'could not look up a trigger URL');
      req.resume();
      return { kind: 'unavailable' };
    }
    const listening = trigger ? deps.listeners.has(`${trigger.workflowId}:${trigger.nodeId}`) : false;
    if (!trigger || (!trigger.active && !listening)) {
      req.resume();
      return { kind: 'not_found' };
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const source = deps.clientAddress ? deps.clientAddress(req) : canonicalIp(req.socket.remoteAddress ?? '');
    const call: Call = { req, url, trigger, listening, method, source };
    const refuse = refuserFor(call);
    const refused = beforeBody(call, refuse);
    if (refused) return refused;
    // Under a growing backlog, read the request a little later: the sender slows to the pace
    // the workers keep, and they keep their share of the CPU (see backlog-gate.ts).
    const pace = deps.backlog?.paceMs() ?? 0;
    if (pace > 0) await new Promise((resolve) => setTimeout(resolve, pace));
    return withBody(call, refuse);
  };
}
