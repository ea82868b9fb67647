import type { ServerResponse } from 'node:http';
import { AppError, type ErrorCode } from '../../shared/errors.js';
import type { TriggerReply } from '../engine/step-types.js';
import type { RejectedRequest } from './rejection-inbox.js';
import type { BacklogFull } from './backlog-gate.js';

/**
 * What became of one request to a trigger URL, as a value: the decision (ingest-decision.ts)
 * returns it without touching the response, and `writeIngestOutcome` is the one place that
 * turns it into status, headers and body.
 */
export type IngestOutcome =
  | { kind: 'not_found' }
  /** A known trigger refused the request (401, 403, 405, 413, 429, 400); `rejection` feeds its inbox. */
  | { kind: 'refused'; status: number; code: ErrorCode; reason: string; message: string; headers?: Record<string, string>; extra?: Record<string, unknown>; rejection: RejectedRequest }
  /** The sender went away mid-body: nothing to answer. */
  | { kind: 'aborted' }
  /** The verifier answers by itself (a provider's URL handshake). */
  | { kind: 'handshake'; status: number; headers: Record<string, string>; body: string }
  /** An inactive trigger's request, captured for the editor's test listener only. */
  | { kind: 'captured' }
  | { kind: 'unavailable' }
  /** Too much accepted work waits to run: the sender is asked to come back (not a sender's fault, so not in the inbox). */
  | ({ kind: 'backlog_full' } & BacklogFull)
  | { kind: 'duplicate'; runId: string; eventId: string }
  | { kind: 'accepted'; runId: string; eventId: string }
  /** Stored without a run: the workflow is paused; it runs when the workflow is resumed. */
  | { kind: 'held'; eventId: string; duplicate: boolean }
  /** A Respond step answered in time. */
  | { kind: 'replied'; runId: string; reply: TriggerReply };

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const errorBody = (code: ErrorCode, status: number, message: string) => new AppError(code, status, message).toBody();

/** Writes the response for an outcome; refusals are told to `onRejected` (never with the body). */
export function writeIngestOutcome(res: ServerResponse, o: IngestOutcome, onRejected?: (r: RejectedRequest) => void): void {
  switch (o.kind) {
    case 'not_found':
      return sendJson(res, 404, errorBody('NOT_FOUND', 404, 'No active trigger has this URL.'));
    case 'refused':
      onRejected?.(o.rejection);
      return sendJson(res, o.status, { error: { ...o.extra, code: o.code, reason: o.reason, message: o.message } }, o.headers);
    case 'aborted':
      return void res.destroy();
    case 'handshake':
      res.writeHead(o.status, o.headers);
      return void res.end(o.body);
    case 'captured':
      return sendJson(res, 200, { captured: true, message: 'Test event captured by the editor; no run was started.' });
    case 'unavailable':
      return sendJson(res, 503, errorBody('UNAVAILABLE', 503, 'The event could not be stored; nothing was accepted. Retry later.'), { 'retry-after': '5' });
    case 'backlog_full': {
      const what = o.limit === 'events' ? `${o.queued} events` : `about ${Math.round(o.queuedBytes / 1_048_576)} MB of events`;
      const message = `Switchyard has ${what} waiting to run, more than it is set to hold; retry in ${o.retryAfterSeconds} s. Nothing was stored.`;
      return sendJson(res, 503, { error: { code: 'UNAVAILABLE', reason: 'backlog_full', message, retryAfterSeconds: o.retryAfterSeconds } }, { 'retry-after': String(o.retryAfterSeconds) });
    }
    case 'duplicate':
      return sendJson(res, 200, { runId: o.runId, eventId: o.eventId, duplicate: true });
    case 'accepted':
      return sendJson(res, 202, { runId: o.runId, eventId: o.eventId });
    case 'held':
      return sendJson(res, o.duplicate ? 200 : 202, { eventId: o.eventId, held: true, ...(o.duplicate ? { duplicate: true } : {}) });
    case 'replied': {
      const { status, headers, body } = o.reply;
      const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
      const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
      res.writeHead(status, { 'content-type': type, ...headers, 'x-switchyard-run-id': o.runId });
      return void res.end(text);
    }
    default: {
      const unreachable: never = o;
      return unreachable;
    }
  }
}
