import { Router } from 'express';
import { z } from 'zod';
import { credentialTypes } from '../../shared/credentials/credential-types.js';
import type { CredentialService, CredentialView } from '../credentials/credential-service.js';
import type { OAuthConnection } from '../store/ports/oauth.js';
import { computedOnce } from '../lib/computed-once.js';

/** Where the routes read OAuth2 connections, to show each oauth2 credential's `status`. */
interface ConnectionSource {
  connections(): Promise<OAuthConnection[]>;
  connection(credentialId: string): Promise<OAuthConnection | undefined>;
  disconnect(credentialId: string): Promise<boolean>;
}

/**
 * An oauth2 credential's view gains `status` (`not_connected`, `connected`, `reconnect_needed`),
 * the connected `account` when the provider named one, `problem` in words when a reconnect is
 * needed, and when the access token `expiresAt`. Never a token.
 */
function withConnection(v: CredentialView, conn: OAuthConnection | undefined) {
  if (v.type !== 'oauth2') return v;
  if (!conn) return { ...v, status: 'not_connected' as const, account: null };
  return { ...v, status: conn.status, account: conn.account, expiresAt: conn.expiresAt, ...(conn.problem ? { problem: conn.problem } : {}) };
}

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
 * `GET /types`, `GET /:id`, `POST /` (201 with the id), `PUT /:id`, `DELETE /:id`, and the OAuth2
 * connect routes of `then` (oauth.routes.ts).
 * No route returns credential data, ever: every answer is built from metadata only.
 */
export function createCredentialsRouter(deps: { credentials: CredentialService; oauth?: ConnectionSource; then?: Router }): Router {
  const r = Router();
  if (deps.then) r.use(deps.then);
  // On the first request: JSON Schema of every credential form is too slow for start-up.
  const types = computedOnce(() => JSON.stringify({ types: describeTypes() }));

  r.get('/', async (_req, res) => {
    const list = await deps.credentials.list();
    const conns = new Map((deps.oauth && list.some((c) => c.type === 'oauth2') ? await deps.oauth.connections() : []).map((c) => [c.credentialId, c]));
    res.json({ credentials: list.map((c) => withConnection(c, conns.get(c.id))) });
  });
  r.get('/types', (_req, res) => {
    res.type('application/json').send(types());
  });
  r.get('/:id', async (req, res) => {
    const v = await deps.credentials.get(req.params.id);
    res.json(v.type === 'oauth2' ? withConnection(v, await deps.oauth?.connection(v.id)) : v);
  });
  r.post('/', async (req, res) => {
    res.status(201).json(await deps.credentials.create(req.body));
  });
  r.put('/:id', async (req, res) => {
    res.json(await deps.credentials.update(req.params.id, req.body));
  });
  r.delete('/:id', async (req, res) => {
    await deps.credentials.remove(req.params.id);
    await deps.oauth?.disconnect(req.params.id);
    res.status(204).end();
  });
  return r;
}
