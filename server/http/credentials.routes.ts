import { Router } from 'express';
import { z } from 'zod';
import { credentialTypes } from '../../shared/credentials/credential-types.js';
import type { CredentialService } from '../credentials/credential-service.js';

/** Each credential type as the editor draws its form: JSON Schema with `writeOnly` on secrets. */
function describeTypes() {
  return Object.values(credentialTypes).map((d) => ({
    type: d.type,
    title: d.title,
    description: d.description,
    app: d.app,
    secretFields: d.secretFields,
    schema: z.toJSONSchema(d.schema, { io: 'input', unrepresentable: 'any' }),
  }));
}

/**
 * Credentials, mounted at /api/credentials behind auth: `GET /` (names, types, dates),
 * `GET /types`, `GET /:id`, `POST /` (201 with the id), `PUT /:id`, `DELETE /:id`.
 * No route returns credential data, ever: every answer is built from metadata only.
 */
export function createCredentialsRouter(deps: { credentials: CredentialService }): Router {
  const r = Router();
  const types = JSON.stringify({ types: describeTypes() });

  r.get('/', async (_req, res) => {
    res.json({ credentials: await deps.credentials.list() });
  });
  r.get('/types', (_req, res) => {
    res.type('application/json').send(types);
  });
  r.get('/:id', async (req, res) => {
    res.json(await deps.credentials.get(req.params.id));
  });
  r.post('/', async (req, res) => {
    res.status(201).json(await deps.credentials.create(req.body));
  });
  r.put('/:id', async (req, res) => {
    res.json(await deps.credentials.update(req.params.id, req.body));
  });
  r.delete('/:id', async (req, res) => {
    await deps.credentials.remove(req.params.id);
    res.status(204).end();
  });
  return r;
}
