import type { StepError } from '../../shared/runs/run-status.js';

/** A failed delivery attempt as stored on the step: stable code, message, retry hints. */
export interface DeliveryError extends StepError {
  code: string;
  message: string;
  retryable: boolean;
  /** Retried, but a person should look: the same request will most likely fail again. */
  likelyPermanent?: boolean;
  status?: number;
  /** From `Retry-After`; the retry policy honours it within bounds. */
  retryAfterMs?: number;
}

const WEEK_MS = 7 * 86_400_000;

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or bad. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, WEEK_MS);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), WEEK_MS);
}

const reason = (status: number, text: string | undefined): string => (text ? `${status} ${text}` : String(status));

/**
 * The error of a non-2xx answer. 410 is permanent (the endpoint is disabled); 429, 408 and
 * 5xx are retried; other 4xx and unfollowed 3xx are retried but flagged likely permanent
 * (a 401 can be a credential being rotated, a 404 a deploy in progress).
 */
export function errorForStatus(status: number, statusText: string | undefined, retryAfter: string | undefined, now: number): DeliveryError {
  const label = reason(status, statusText);
  const retryAfterMs = status === 429 || status >= 500 ? parseRetryAfter(retryAfter, now) : undefined;
  const after = retryAfterMs !== undefined ? { retryAfterMs } : {};
  const hint = retryAfterMs !== undefined ? ` It asked to retry after ${Math.round(retryAfterMs / 1000)} s.` : '';
  if (status === 410) {
    return {
      code: 'endpoint_gone',
      status,
      retryable: false,
      message: `The endpoint answered ${label}: it is now disabled, and nothing more is sent to it until someone re-enables it (POST /api/endpoints/:id/enable).`,
    };
  }
  if (status === 429) {
    return { code: 'rate_limited', status, retryable: true, ...after, message: `The endpoint answered ${label}: too many requests. Retrying later, at least 60 s from now.${hint}` };
  }
  if (status >= 500 || status === 408) {
    return { code: 'http_server_error', status, retryable: true, ...after, message: `The endpoint answered ${label}. Retrying on the schedule.${hint}` };
  }
  if (status >= 300 && status < 400) {
    return {
      code: 'redirect_not_followed',
      status,
      retryable: true,
      likelyPermanent: true,
      message: `The endpoint answered ${label} (a redirect). Redirects are failures unless the step's "followRedirects" is on; retrying, but this is likely permanent.`,
    };
  }
  return {
    code: 'http_client_error',
    status,
    retryable: true,
    likelyPermanent: true,
    message: `The endpoint answered ${label}. Retrying, but a 4xx is likely permanent: check the URL, the credentials and the body.`,
  };
}

const errCode = (err: unknown): string | undefined => {
  if (typeof err !== 'object' || err === null) return undefined;
  const c = (err as { code?: unknown }).code;
  if (typeof c === 'string') return c;
  return errCode((err as { cause?: unknown }).cause);
};
const errMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The error of an attempt that got no answer: DNS, connect, TLS, reset, timeout. */
export function errorForException(err: unknown, context: { timedOut: boolean; cancelled: boolean; timeoutMs: number }): DeliveryError {
  if (context.timedOut) {
    return { code: 'timeout', retryable: true, message: `No complete answer within ${context.timeoutMs} ms; retrying later, at least 60 s from now.` };
  }
  if (context.cancelled) return { code: 'cancelled', retryable: true, message: 'The attempt was interrupted (the run was cancelled or the server is stopping).' };
  const code = errCode(err);
  const msg = errMessage(err);
  switch (code) {
    case 'egress_blocked':
      return { code: 'egress_blocked', retryable: false, message: msg };
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { code: 'connect_timeout', retryable: true, message: `Could not connect in time (${msg}).` };
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return { code: 'timeout', retryable: true, message: `The endpoint stopped answering (${msg}).` };
    case 'ECONNREFUSED':
      return { code: 'connection_refused', retryable: true, message: `The endpoint refused the connection (${msg}).` };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return { code: 'connection_reset', retryable: true, message: `The connection was closed before a complete answer (${msg}).` };
    case 'ENOTFOUND':
      return { code: 'dns_not_found', retryable: true, likelyPermanent: true, message: `The host name does not resolve (${msg}).` };
    case 'EAI_AGAIN':
      return { code: 'dns_failed', retryable: true, message: `DNS lookup failed for now (${msg}).` };
    case 'UND_ERR_INVALID_ARG':
    case 'ERR_INVALID_URL':
      return { code: 'invalid_request', retryable: false, message: `The request is not valid: ${msg}` };
    default:
      if (code !== undefined && /CERT|TLS|SSL/.test(code)) {
        return { code: 'tls_error', retryable: true, likelyPermanent: true, message: `TLS failed: ${msg}` };
      }
      return { code: 'network_error', retryable: true, message: `The request failed: ${msg}${code ? ` (${code})` : ''}` };
  }
}
