import { describe, expect, it } from 'vitest';
import { errorForException, errorForStatus, parseRetryAfter } from '../../../server/delivery/failure-classes.js';

const now = Date.UTC(2025, 0, 1, 12, 0, 0);
const plain = { timedOut: false, cancelled: false, timeoutMs: 15_000 };

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and ignores garbage', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
    expect(parseRetryAfter(new Date(now - 90_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('999999999', now)).toBe(7 * 86_400_000);
  });
});

describe('errorForStatus', () => {
  it.each([
    [500, 'http_server_error', true, undefined],
    [502, 'http_server_error', true, undefined],
    [408, 'http_server_error', true, undefined],
    [429, 'rate_limited', true, undefined],
    [410, 'endpoint_gone', false, undefined],
    [400, 'http_client_error', true, true],
    [401, 'http_client_error', true, true],
    [422, 'http_client_error', true, true],
    [302, 'redirect_not_followed', true, true],
  ])('%i -> %s (retryable %s, likely permanent %s)', (status, code, retryable, likelyPermanent) => {
    const e = errorForStatus(status, undefined, undefined, now);
    expect(e).toMatchObject({ code, status, retryable });
    expect(e.likelyPermanent).toBe(likelyPermanent);
  });

  it('keeps Retry-After only where it means "come back later" (429 and 5xx)', () => {
    expect(errorForStatus(503, 'Service Unavailable', '30', now)).toMatchObject({ retryAfterMs: 30_000, message: expect.stringContaining('30 s') });
    expect(errorForStatus(429, undefined, '5', now).retryAfterMs).toBe(5_000);
    expect(errorForStatus(404, undefined, '30', now).retryAfterMs).toBeUndefined();
  });
});

describe('errorForException', () => {
  const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  it.each([
    ['UND_ERR_CONNECT_TIMEOUT', 'connect_timeout', true],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout', true],
    ['UND_ERR_BODY_TIMEOUT', 'timeout', true],
    ['ECONNREFUSED', 'connection_refused', true],
    ['ECONNRESET', 'connection_reset', true],
    ['UND_ERR_SOCKET', 'connection_reset', true],
    ['ENOTFOUND', 'dns_not_found', true],
    ['EAI_AGAIN', 'dns_failed', true],
    ['CERT_HAS_EXPIRED', 'tls_error', true],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls_error', true],
    ['UND_ERR_INVALID_ARG', 'invalid_request', false],
    ['egress_blocked', 'egress_blocked', false],
    ['EWHATEVER', 'network_error', true],
  ])('%s -> %s', (raw, code, retryable) => {
    expect(errorForException(withCode(raw), plain)).toMatchObject({ code, retryable });
  });

  it('finds the code on a wrapped cause', () => {
    expect(errorForException(new Error('fetch failed', { cause: withCode('ECONNREFUSED') }), plain).code).toBe('connection_refused');
  });

  it('tells our own total timeout and a cancellation apart from network errors', () => {
    expect(errorForException(new Error('aborted'), { ...plain, timedOut: true })).toMatchObject({ code: 'timeout', retryable: true, message: expect.stringContaining('15000 ms') });
    expect(errorForException(new Error('aborted'), { ...plain, cancelled: true })).toMatchObject({ code: 'cancelled', retryable: true });
  });
});
