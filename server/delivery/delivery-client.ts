import { EventEmitter } from 'node:events';
import { STATUS_CODES } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Agent, buildConnector, Dispatcher } from 'undici';
import type { outboundMethods } from '../../shared/nodes/http.node.js';
import { EgressBlockedError, type EgressGuard } from './egress-guard.js';
import { errorForException, type DeliveryError } from './failure-classes.js';
import { createGuardedConnector } from './guarded-connector.js';
import { readBodyCapped, type CappedBody } from './read-body.js';

export type OutboundMethod = (typeof outboundMethods)[number];

/** One attempt as the client sends it: already rendered, signed and checked for admission. */
export interface ClientRequest {
  method: OutboundMethod;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
  timeoutMs: number;
  followRedirects: boolean;
  maxRedirects: number;
  responseLimitBytes: number;
  signal?: AbortSignal;
}

/** The final answer (after any followed redirects). */
export interface ClientResponse {
  url: string;
  status: number;
  statusText: string | undefined;
  headers: Record<string, string>;
  body: CappedBody;
}

/** A redirect that was followed. */
export interface Hop {
  url: string;
  status: number;
  location: string;
}

export interface Timing {
  /** Until the (last) response headers arrived. */
  headersMs?: number;
  totalMs: number;
}

export type ClientResult = { kind: 'response'; response: ClientResponse; hops: Hop[]; timing: Timing } | { kind: 'error'; error: DeliveryError; hops: Hop[]; timing: Timing };

/** The one HTTP client for user-influenced outbound requests. */
export interface DeliveryClient {
  send(req: ClientRequest): Promise<ClientResult>;
  /**
   * Stops reusing open connections: new requests get new ones (vetted by the guard again),
   * requests in flight finish on theirs. Called when the allow-list changes, so a kept-alive
   * connection to an address that is no longer allowed is not used again.
   */
  renewConnections(): void;
  close(): Promise<void>;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
// Credentials must not follow a redirect to another origin.
const crossOriginDrop = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * What undici watches to abort one request: the total timeout or the caller's signal (a cancel, a
 * shutdown). An EventEmitter with `aborted` and `reason`, which undici accepts in place of an
 * AbortSignal: Node's AbortController and EventTarget cost about 10 us a request to make, listen
 * to and leave, on the thread every event's work shares.
 */
class RequestAbort extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * Creates the client: an undici Agent whose every connection goes through the egress guard
 * (connect timeout `connectTimeoutMs`, default 5 s). Bodies are never auto-decompressed
 * beyond the cap, redirects are followed only when asked and re-checked at every hop.
 */
export function createDeliveryClient(deps: { guard: EgressGuard; connectTimeoutMs?: number; baseConnector?: buildConnector.connector }): DeliveryClient {
  // undici loads on the first delivery, not at start-up: evaluating it (and Node's own copy, which
  // it reaches through globalThis.Headers) was a tenth of the server's start.
  let loaded: Promise<{ request: typeof import('undici').request; newAgent: () => Agent }> | undefined;
  let agent: Agent | undefined;
  const load = () =>
    (loaded ??= import('undici').then((undici) => {
      const base = deps.baseConnector ?? undici.buildConnector({ timeout: deps.connectTimeoutMs ?? 5_000 });
      const connect = createGuardedConnector({ guard: deps.guard, base });
      return { request: undici.request, newAgent: () => new undici.Agent({ connect, keepAliveTimeout: 4_000, connections: 64 }) };
    }));
  const retiring = new Set<Promise<void>>();

  async function send(req: ClientRequest): Promise<ClientResult> {
    const t0 = performance.now();
    // One abort for both the total timeout and the caller's signal (cancel, shutdown).
    const controller = new RequestAbort();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`timed out after ${req.timeoutMs} ms`));
    }, req.timeoutMs);
    const onCancel = (): void => controller.abort(req.signal?.reason);
    if (req.signal?.aborted) onCancel();
    else req.signal?.addEventListener('abort', onCancel, { once: true });
    const hops: Hop[] = [];
    let headersMs: number | undefined;
    const timing = (): Timing => ({ ...(headersMs !== undefined ? { headersMs: Math.round(headersMs) } : {}), totalMs: Math.round(performance.now() - t0) });
    let url = req.url;
    let method: OutboundMethod = req.method;
    let body = req.body;
    const headers = { ...req.headers };
    try {
      const { request, newAgent } = await load();
      for (;;) {
        const refused = deps.guard.checkUrl(url);
        if (refused) throw refused;
        const res: Dispatcher.ResponseData = await request(url, {
          // Made on the first request, and again after renewConnections.
          dispatcher: (agent ??= newAgent()),
          method,
          headers,
          body,
          signal: controller,
          headersTimeout: req.timeoutMs,
          bodyTimeout: req.timeoutMs,
        });
        headersMs = performance.now() - t0;
        const resHeaders = flatHeaders(res.headers);
        const location = resHeaders.location;
        if (req.followRedirects && redirectStatuses.has(res.statusCode) && location !== undefined) {
          await res.body.dump({ limit: 65_536 });
          if (hops.length >= req.maxRedirects) {
            return {
              kind: 'error',
              hops,
              timing: timing(),
              error: { code: 'too_many_redirects', status: res.statusCode, retryable: true, likelyPermanent: true, message: `More than ${req.maxRedirects} redirects; stopped at ${url.href}.` },
            };
          }
          const next = new URL(location, url);
          hops.push({ url: url.href, status: res.statusCode, location: next.href });
          if (next.origin !== url.origin) for (const h of crossOriginDrop) delete headers[h];
          if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
            method = method === 'HEAD' ? 'HEAD' : 'GET';
            body = undefined;
            delete headers['content-type'];
          }
          url = next;
          continue;
        }
        const capped = method === 'HEAD' ? { bytes: Buffer.alloc(0), truncated: false } : await readBodyCapped(res.body, resHeaders['content-encoding'], req.responseLimitBytes);
        return {
          kind: 'response',
          hops,
          timing: timing(),
          response: { url: url.href, status: res.statusCode, statusText: STATUS_CODES[res.statusCode], headers: resHeaders, body: capped },
        };
      }
    } catch (err) {
      const blocked = err instanceof EgressBlockedError || (err instanceof Error && err.cause instanceof EgressBlockedError);
      const error = errorForException(blocked ? (err instanceof EgressBlockedError ? err : err.cause) : err, {
        timedOut: !blocked && timedOut,
        cancelled: !blocked && !timedOut && (req.signal?.aborted ?? false),
        timeoutMs: req.timeoutMs,
      });
      return { kind: 'error', error, hops, timing: timing() };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCancel);
    }
  }

  return {
    send,
    renewConnections() {
      const old = agent;
      // The next request makes a new agent; none yet means no connection to renew.
      agent = undefined;
      if (!old) return;
      const closing: Promise<void> = old
        .close()
        .catch(() => undefined)
        .finally(() => retiring.delete(closing));
      retiring.add(closing);
    },
    close: async () => {
      await Promise.all([agent?.close(), ...retiring]);
    },
  };
}
