import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Deliverer } from '../delivery/deliver.js';
import type { AcceptEvent } from '../ingest/accept-event.js';
import type { OpsObserver } from './observer.js';

/** Counts outbound attempts by outcome and by error or hold code. */
export function observeDeliverer(deliverer: Deliverer, observer: OpsObserver): Deliverer {
  return {
    async deliver(req) {
      const outcome = await deliverer.deliver(req);
      const code = outcome.kind === 'failed' ? outcome.error.code : outcome.kind === 'deferred' ? String(outcome.detail.held ?? 'deferred') : '';
      observer.deliveryAttempt(outcome.kind, code);
      return outcome;
    },
  };
}

/** Counts events stored (and duplicates answered with their original run) by ingest. */
export function observeAccept(accept: AcceptEvent, observer: OpsObserver): AcceptEvent {
  return async (input) => {
    const outcome = await accept(input);
    if (outcome.kind === 'accepted' || (outcome.kind === 'held' && !outcome.duplicate)) observer.eventAccepted();
    else observer.eventDuplicate();
    return outcome;
  };
}

/** Why ingest refused a trigger request, from its status (the ingest handler answers each with one). */
function rejectionReason(status: number): string {
  switch (status) {
    case 400:
      return 'malformed';
    case 401:
    case 403:
      return 'unauthorized';
    case 404:
      return 'unknown_trigger';
    case 405:
      return 'method_not_allowed';
    case 413:
      return 'too_large';
    case 429:
      return 'rate_limited';
    case 503:
      return 'unavailable';
    default:
      return status >= 500 ? 'error' : 'other';
  }
}

// Express sets these on the request it routes (the same object this wrapper holds).
interface Routed {
  baseUrl?: string;
  route?: { path?: unknown };
}

/** The route pattern of an answered request: `/api/runs/:id`, one value for every trigger URL, never a raw path. */
export function routeLabel(req: IncomingMessage): string {
  if ((req.url ?? '').startsWith('/hooks/')) return '/hooks/:token';
  const r = req as IncomingMessage & Routed;
  const path = r.route?.path;
  if (typeof path === 'string') {
    const full = `${r.baseUrl ?? ''}${path}`;
    // A router's own root (`/api/queue` + `/`) reads as the mount path.
    return full.length > 1 ? full.replace(/\/$/, '') : '/';
  }
  return (req.url ?? '').startsWith('/api/') ? '/api/<unmatched>' : '<static>';
}

/**
 * Wraps the server's request listener: every answered request is counted by route pattern,
 * method and status; trigger requests refused before anything was stored are counted by
 * reason. A Respond step's own status is not a refusal (its answer carries the run id).
 */
export function observeHttp(handler: RequestListener, observer: OpsObserver, now: () => number = () => performance.now()): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const started = now();
    res.once('finish', () => {
      const route = routeLabel(req);
      observer.request(route, req.method ?? 'GET', res.statusCode, (now() - started) / 1000);
      if (route === '/hooks/:token' && res.statusCode >= 400 && !res.hasHeader('x-switchyard-run-id')) observer.eventRejected(rejectionReason(res.statusCode));
    });
    handler(req, res);
  };
}
