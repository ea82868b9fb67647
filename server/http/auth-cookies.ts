import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { AppError } from '../../shared/errors.js';
import type { SessionMeta } from '../services/auth-sessions.js';
import { sessionCookie } from './cookies.js';
import { csrfCookie } from './csrf.js';

/** Sets the session cookie (httpOnly) and its CSRF cookie (readable) together; an empty token clears both. */
export function setSessionCookies(res: Response, token: string, expiresAt: number, now: number, secure: boolean): void {
  const maxAge = token ? Math.max(0, expiresAt - now) : 0;
  res.setHeader('set-cookie', [sessionCookie(token, maxAge, secure), csrfCookie(token, maxAge, secure)]);
}

type WithIp = Request & { clientIp?: string | null };

/** Remembers the caller's address as the deployment's TRUST_PROXY reads it (see ingest/client-address). */
export function rememberClientAddress(addressOf: (req: Request) => string | null): RequestHandler {
  return (req, _res, next) => {
    (req as WithIp).clientIp = addressOf(req);
    next();
  };
}

/** The caller's address: the one remembered above, else the socket's peer. */
export const clientIpOf = (req: Request): string => (req as WithIp).clientIp ?? req.socket.remoteAddress ?? 'unknown';

/** Where a request comes from, for the sessions list and the sign-in limiter. */
export const metaOf = (req: Request): SessionMeta & { ip: string } => ({
  ip: clientIpOf(req),
  ...(typeof req.headers['user-agent'] === 'string' ? { userAgent: req.headers['user-agent'] } : {}),
});

/** Adds `Retry-After` to a 429 raised by the sign-in limiter, then lets the app's error handler answer. */
export const retryAfterHeader: ErrorRequestHandler = (err, _req, res, next) => {
  if (err instanceof AppError && typeof err.details.retryAfterSeconds === 'number') res.setHeader('retry-after', String(err.details.retryAfterSeconds));
  next(err);
};
