import type { Request, RequestHandler } from 'express';
import { AppError } from '../../shared/errors.js';
import type { AuthService, Principal } from '../services/auth-service.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';

/** The caller of an authenticated route, set by `requireAuth`. */
export function principalOf(req: Request): Principal {
  const p = (req as Request & { principal?: Principal }).principal;
  if (!p) throw new AppError('UNAUTHORIZED', 401, 'Sign in or send an API key.');
  return p;
}

/** Every /api route needs a live session cookie or `Authorization: Bearer <api key>`. */
export function requireAuth(auth: AuthService): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization;
    let principal: Principal | undefined;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S{1,200})$/i.exec(header);
      principal = m?.[1] ? auth.fromApiKey(m[1]) : undefined;
      if (!principal) return next(new AppError('UNAUTHORIZED', 401, 'The API key is missing, malformed, unknown or revoked.'));
    } else {
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      principal = token ? auth.fromSession(token)?.principal : undefined;
      if (!principal) return next(new AppError('UNAUTHORIZED', 401, 'Sign in or send an API key as "Authorization: Bearer <key>".'));
    }
    (req as Request & { principal?: Principal }).principal = principal;
    next();
  };
}
