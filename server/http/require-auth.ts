import type { Request, RequestHandler } from 'express';
import { AppError } from '../../shared/errors.js';
import type { AuthService, Principal } from '../services/auth-service.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';

type Authed = Request & { principal?: Principal; sessionToken?: string };

/** The caller of an authenticated route, set by `requireAuth`. */
export function principalOf(req: Request): Principal {
  const p = (req as Authed).principal;
  if (!p) throw new AppError('UNAUTHORIZED', 401, 'Sign in or send an API key.');
  return p;
}

/** The session token of a cookie-authenticated request (for the CSRF check and "this session"). */
export const sessionTokenOf = (req: Request): string | undefined => (req as Authed).sessionToken;

/**
 * Every /api route behind this needs a live session cookie or `Authorization: Bearer <api key>`.
 * A bearer header wins over a cookie, and a bad one is refused even when a cookie would do.
 */
export function requireAuth(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    const authed = req as Authed;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S{1,200})$/i.exec(header);
      const principal = m?.[1] ? await auth.fromApiKey(m[1]) : undefined;
      if (!principal) return next(new AppError('UNAUTHORIZED', 401, 'The API key is missing, malformed, unknown, expired or revoked.'));
      authed.principal = principal;
      return next();
    }
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session = token ? await auth.fromSession(token) : undefined;
    if (!token || !session) return next(new AppError('UNAUTHORIZED', 401, 'Sign in or send an API key as "Authorization: Bearer <key>".'));
    authed.principal = session.principal;
    authed.sessionToken = token;
    next();
  };
}
