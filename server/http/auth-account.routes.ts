import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import type { AuthService } from '../services/auth-service.js';
import { actorOf } from '../services/audit-service.js';
import { clientIpOf, metaOf, retryAfterHeader, setSessionCookies } from './auth-cookies.js';
import { parseInput } from './errors.js';
import { passwordSchema } from './auth.routes.js';
import { principalOf } from './require-auth.js';
import { lazySchema } from '../../shared/lazy-schema.js';

const passwordChange = lazySchema(() => z.object({ currentPassword: z.string().max(1000), newPassword: passwordSchema }));

/**
 * One's own account, behind sign-in (mounted at /api/auth after the guard): the live
 * sessions, ending one or all of them, and changing the password.
 */
export function createAccountRouter(d: { auth: AuthService; secureCookies: boolean }): Router {
  const r = Router();
  const userIdOf = (req: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(req);
    if (!p.userId) throw new AppError('BAD_REQUEST', 400, 'This installation key belongs to no user, so it has no sessions or password.');
    return { p, userId: p.userId };
  };

  r.get('/sessions', async (req, res) => {
    const { p, userId } = userIdOf(req);
    res.json({ sessions: await d.auth.sessions.list(userId, p.sessionId) });
  });
  r.delete('/sessions/:id', async (req, res) => {
    const { p, userId } = userIdOf(req);
    if (!(await d.auth.sessions.revoke(userId, req.params.id, actorOf(p, clientIpOf(req))))) throw new AppError('NOT_FOUND', 404, 'You have no live session with this id.');
    if (req.params.id === p.sessionId) setSessionCookies(res, '', 0, 0, d.secureCookies);
    res.status(204).end();
  });
  r.post('/sign-out-everywhere', async (req, res) => {
    const { p, userId } = userIdOf(req);
    const ended = await d.auth.sessions.revokeAll(userId, actorOf(p, clientIpOf(req)));
    if (p.kind === 'session') setSessionCookies(res, '', 0, 0, d.secureCookies);
    res.json({ ended });
  });
  r.put('/password', async (req, res) => {
    const input = parseInput(passwordChange, req.body);
    await d.auth.passwords.change(principalOf(req), input, metaOf(req).ip);
    res.status(204).end();
  });
  r.use(retryAfterHeader);
  return r;
}
