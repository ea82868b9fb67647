import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import type { AuthService } from '../services/auth-service.js';
import { parseInput } from './errors.js';
import { principalOf } from './require-auth.js';

/** API keys: list, create (the key is shown once), revoke. */
export function createApiKeysRouter(auth: AuthService): Router {
  const r = Router();
  r.get('/', (_req, res) => {
    res.json({ apiKeys: auth.listApiKeys() });
  });
  r.post('/', async (req, res) => {
    const { name } = parseInput(z.object({ name: z.string().trim().min(1).max(200) }), req.body);
    const created = await auth.createApiKey(name, principalOf(req).userId);
    res.status(201).json(created);
  });
  r.delete('/:id', async (req, res) => {
    if (!(await auth.revokeApiKey(req.params.id))) throw new AppError('NOT_FOUND', 404, 'There is no live API key with this id.');
    res.status(204).end();
  });
  return r;
}
