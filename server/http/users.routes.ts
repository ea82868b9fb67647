import { Router } from 'express';
import { z } from 'zod';
import { roles } from '../store/ports/users.js';
import type { AuthService } from '../services/auth-service.js';
import { actorOf } from '../services/audit-service.js';
import { clientIpOf } from './auth-cookies.js';
import { parseInput } from './errors.js';
import { principalOf } from './require-auth.js';
import { lazySchema } from '../../shared/lazy-schema.js';

const DAY = 24 * 3600_000;

/** People (owner only, see the rights table): list, change a role, remove, hand out a reset link. */
export function createUsersRouter(auth: AuthService): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    res.json({ users: await auth.users.list() });
  });
  r.patch('/:id', async (req, res) => {
    const { role } = parseInput(z.object({ role: z.enum(roles) }), req.body);
    res.json({ user: await auth.users.changeRole(actorOf(principalOf(req), clientIpOf(req)), req.params.id, role) });
  });
  r.delete('/:id', async (req, res) => {
    await auth.users.remove(actorOf(principalOf(req), clientIpOf(req)), req.params.id);
    res.status(204).end();
  });
  r.post('/:id/reset-link', async (req, res) => {
    res.status(201).json(await auth.passwords.createResetLink(actorOf(principalOf(req), clientIpOf(req)), req.params.id));
  });
  return r;
}

const inviteSchema = lazySchema(() =>
  z.object({
    email: z.string().trim().email().max(320),
    role: z.enum(roles).default('viewer'),
    expiresInDays: z.number().int().min(1).max(30).optional(),
  }),
);

/** Invitations (owner only): pending ones, a new one-time link (shown once), withdrawing one. */
export function createInvitesRouter(auth: AuthService): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    res.json({ invites: await auth.invites.list() });
  });
  r.post('/', async (req, res) => {
    const input = parseInput(inviteSchema, req.body);
    const invite = await auth.invites.create(actorOf(principalOf(req), clientIpOf(req)), {
      email: input.email,
      role: input.role,
      ...(input.expiresInDays ? { expiresInMs: input.expiresInDays * DAY } : {}),
    });
    res.status(201).json({ invite });
  });
  r.delete('/:id', async (req, res) => {
    await auth.invites.revoke(actorOf(principalOf(req), clientIpOf(req)), req.params.id);
    res.status(204).end();
  });
  return r;
}
