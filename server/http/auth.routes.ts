import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import type { Clock } from '../lib/clock.js';
import type { AuthService } from '../services/auth-service.js';
import { metaOf, retryAfterHeader, setSessionCookies } from './auth-cookies.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import { csrfTokenFor } from './csrf.js';
import { parseInput } from './errors.js';
import { lazySchema } from '../../shared/lazy-schema.js';

export const passwordSchema = lazySchema(() => z.string().min(8, 'Use at least 8 characters.').max(1000));
export const nameSchema = lazySchema(() => z.string().trim().min(1).max(200));
const setupSchema = lazySchema(() => z.object({ email: z.string().trim().email().max(320), name: nameSchema, password: passwordSchema }));
const loginSchema = lazySchema(() => z.object({ email: z.string().trim().max(320), password: z.string().max(1000) }));
const acceptSchema = lazySchema(() => z.object({ name: nameSchema, password: passwordSchema }));
const resetSchema = lazySchema(() => z.object({ password: passwordSchema }));

/**
 * What works without a session: the sign-in state (with the CSRF token once signed in),
 * first-run owner setup, sign-in (throttled), sign-out, and the invitation and password-reset
 * pages behind one-time links.
 */
export function createAuthRouter(d: { auth: AuthService; clock: Clock; secureCookies: boolean }): Router {
  const r = Router();
  const signedIn = (res: Parameters<typeof setSessionCookies>[0], s: { token: string; expiresAt: number }) => setSessionCookies(res, s.token, s.expiresAt, d.clock.now(), d.secureCookies);

  r.get('/state', async (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session = token ? await d.auth.fromSession(token) : undefined;
    if (!token || !session) return void res.json({ setupRequired: await d.auth.setupRequired(), user: null });
    // Re-sent so a browser that lost the readable cookie can still make changes.
    signedIn(res, { token, expiresAt: session.expiresAt });
    res.json({ setupRequired: false, user: session.user, csrfToken: csrfTokenFor(token), expiresAt: session.expiresAt });
  });
  r.post('/setup', async (req, res) => {
    const input = parseInput(setupSchema, req.body);
    if (!(await d.auth.setupRequired())) throw new AppError('CONFLICT', 409, 'The owner account already exists; sign in instead.');
    const s = await d.auth.setupOwner(input, metaOf(req));
    signedIn(res, s);
    res.status(201).json({ user: s.user, csrfToken: csrfTokenFor(s.token) });
  });
  r.post('/login', async (req, res) => {
    const input = parseInput(loginSchema, req.body);
    const s = await d.auth.login(input.email, input.password, metaOf(req));
    signedIn(res, s);
    res.json({ user: s.user, csrfToken: csrfTokenFor(s.token) });
  });
  r.post('/logout', async (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) await d.auth.logout(token);
    setSessionCookies(res, '', 0, 0, d.secureCookies);
    res.status(204).end();
  });

  r.get('/invites/:token', async (req, res) => {
    res.json({ invite: await d.auth.invites.inspect(req.params.token) });
  });
  r.post('/invites/:token/accept', async (req, res) => {
    const input = parseInput(acceptSchema, req.body);
    const s = await d.auth.invites.accept(req.params.token, input, metaOf(req));
    signedIn(res, s);
    res.status(201).json({ user: s.user, csrfToken: csrfTokenFor(s.token) });
  });
  r.get('/resets/:token', async (req, res) => {
    res.json({ reset: await d.auth.passwords.inspectReset(req.params.token) });
  });
  r.post('/resets/:token', async (req, res) => {
    const { password } = parseInput(resetSchema, req.body);
    const s = await d.auth.passwords.completeReset(req.params.token, password, metaOf(req));
    signedIn(res, s);
    res.json({ user: s.user, csrfToken: csrfTokenFor(s.token) });
  });
  r.use(retryAfterHeader);
  return r;
}
