import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../../shared/errors.js';
import { principalOf, sessionTokenOf } from './require-auth.js';

/** The readable cookie the editor copies into the header (double-submit), and that header. */
export const CSRF_COOKIE = 'sy_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The CSRF token of a session: derived from the session token, so it needs no storage, changes
 * with every session and cannot be computed by a page that does not hold the session cookie.
 */
export const csrfTokenFor = (sessionToken: string): string => createHash('sha256').update(`switchyard csrf v1:${sessionToken}`).digest('base64url');

const refuse = (why: string) => new AppError('FORBIDDEN', 403, `Refused as a possible cross-site request: ${why}`, { reason: 'csrf' });

/**
 * Browser provenance checks for unsafe requests that carry no bearer key: Fetch Metadata
 * (`Sec-Fetch-Site` must be same-origin, or none for a typed URL) and `Origin` (must be this
 * server, as the Host header or PUBLIC_URL names it). Clients that send neither (curl,
 * scripts) pass here; cookie requests still need the token below.
 */
export function checkOrigin(publicUrl: string): RequestHandler {
  const publicOrigin = new URL(publicUrl).origin;
  return (req: Request, _res, next) => {
    if (SAFE.has(req.method) || req.headers.authorization !== undefined) return next();
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return next(refuse(`the request came from a ${site} page.`));
    const origin = req.headers.origin;
    if (origin !== undefined) {
      const own = `${req.protocol}://${req.headers.host ?? ''}`;
      if (origin !== own && origin !== publicOrigin) return next(refuse(`the Origin ${origin.slice(0, 100)} is not this server.`));
    }
    next();
  };
}

/** Cookie-authenticated unsafe requests must echo the session's CSRF token in `X-CSRF-Token`; bearer keys are exempt. */
export const requireCsrfToken: RequestHandler = (req, _res, next) => {
  if (SAFE.has(req.method) || principalOf(req).kind !== 'session') return next();
  const token = sessionTokenOf(req);
  const sent = req.headers[CSRF_HEADER];
  if (!token || typeof sent !== 'string') return next(refuse(`the ${CSRF_HEADER} header is missing. Reload the page and try again.`));
  const expected = Buffer.from(csrfTokenFor(token));
  const given = Buffer.from(sent);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return next(refuse(`the ${CSRF_HEADER} header does not match this session. Reload the page.`));
  next();
};

/** The readable cookie carrying a session's CSRF token (SameSite=Strict; not httpOnly, by design). */
export function csrfCookie(sessionToken: string, maxAgeMs: number, secure: boolean): string {
  const value = sessionToken ? csrfTokenFor(sessionToken) : '';
  const attrs = [`${CSRF_COOKIE}=${value}`, 'Path=/', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(maxAgeMs / 1000))}`];
  if (secure) attrs.push('Secure');
  return attrs.join('; ');
}
