import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { SESSION_MS, type AuthService } from '../services/auth-service.js';
import { readCookie, SESSION_COOKIE, sessionCookie } from './cookies.js';
import { parseInput } from './errors.js';

const setupSchema = z.object({
  email: z.string().trim().email().max(320),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(8, 'Use at least 8 characters.').max(1000),
});
const loginSchema = z.object({ email: z.string().trim().max(320), password: z.string().max(1000) });

/** First-run owner setup, sign-in and sign-out. These routes work without a session. */
export function createAuthRouter(auth: AuthService, secureCookies: boolean): Router {
  const r = Router();
  r.get('/state', (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    res.json({ setupRequired: auth.setupRequired(), user: token ? (auth.fromSession(token)?.user ?? null) : null });
  });
  r.post('/setup', async (req, res) => {
    const input = parseInput(setupSchema, req.body);
    if (!auth.setupRequired()) throw new AppError('CONFLICT', 409, 'The owner account already exists; sign in instead.');
    const { token, user } = await auth.setupOwner(input);
    res.setHeader('set-cookie', sessionCookie(token, SESSION_MS, secureCookies));
    res.status(201).json({ user });
  });
  r.post('/login', async (req, res) => {
    const input = parseInput(loginSchema, req.body);
    const { token, user } = await auth.login(input.email, input.password);
    res.setHeader('set-cookie', sessionCookie(token, SESSION_MS, secureCookies));
    res.json({ user });
  });
  r.post('/logout', async (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) await auth.logout(token);
    res.setHeader('set-cookie', sessionCookie('', 0, secureCookies));
    res.status(204).end();
  });
  return r;
}
