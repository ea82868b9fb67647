import { Router } from 'express';
import { z } from 'zod';
import type { AuthService } from '../services/auth-service.js';
import { actorOf } from '../services/audit-service.js';
import type { Clock } from '../lib/clock.js';
import { clientIpOf } from './auth-cookies.js';
import { parseInput } from './errors.js';
import { principalOf } from './require-auth.js';
import { lazySchema } from '../../shared/lazy-schema.js';

const DAY = 24 * 3600_000;
const createSchema = lazySchema(() =>
  z.object({
    name: z.string().trim().min(1).max(200),
    scope: z.enum(['full', 'read']).default('full'),
    /** Days until the key stops working; absent for a key that does not expire. */
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  }),
);

/**
 * API keys: list (owners see everyone's, others their own), create (shown once; full or
 * read-only, with an optional expiry), revoke. A key acts with its user's rights.
 */
export function createApiKeysRouter(d: { auth: AuthService; clock: Clock }): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    res.json({ apiKeys: await d.auth.keys.listFor(principalOf(req)) });
  });
  r.post('/', async (req, res) => {
    const input = parseInput(createSchema, req.body);
    const p = principalOf(req);
    const expiresAt = input.expiresInDays ? d.clock.now() + input.expiresInDays * DAY : null;
    const created = await d.auth.keys.create(input.name, p.userId, { scope: input.scope, expiresAt }, actorOf(p, clientIpOf(req)));
    res.status(201).json(created);
  });
  r.delete('/:id', async (req, res) => {
    const p = principalOf(req);
    await d.auth.keys.revokeFor(p, req.params.id, actorOf(p, clientIpOf(req)));
    res.status(204).end();
  });
  return r;
}
