import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { isDataScope, type DataError, type DataStoreService } from '../services/datastore-service.js';
import { lazySchema } from '../../shared/lazy-schema.js';

const putBody = lazySchema(() =>
  z.object({
    value: z.unknown().refine((v) => v !== undefined, 'A value is required (any JSON; null too).'),
    ttlSeconds: z.number().positive().nullable().optional(),
  }),
);

const scopeHelp = 'A scope is "global" (shared by every workflow), "wf:<workflowId>", or either with "dedupe:" before it (dedupe marks).';

function checkScope(scope: string): string {
  if (!isDataScope(scope)) throw new AppError('BAD_REQUEST', 400, `Unknown scope "${scope.slice(0, 80)}". ${scopeHelp}`);
  return scope;
}

/** A refusal of the service as the API's error shape (400, its stable code as `reason`). */
function refused(error: DataError): AppError {
  return new AppError(error.code === 'value_too_large' ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', error.code === 'value_too_large' ? 413 : 400, error.message, { reason: error.code });
}

/**
 * The data store for people and the editor, mounted at /api/datastore behind auth:
 * `GET /` (`?scope=`, `?prefix=`, `?cursor=`, `?limit=`), `GET|PUT|DELETE /:scope/:key`
 * (both URL-encoded). Values are JSON up to 64 KB; expired entries are never shown.
 */
export function createDataStoreRouter(deps: { data: DataStoreService }): Router {
  const router = Router();
  const { data } = deps;

  router.get('/', async (req, res) => {
    const q = req.query;
    const scope = typeof q.scope === 'string' && q.scope !== '' ? checkScope(q.scope) : null;
    const limit = typeof q.limit === 'string' ? Number(q.limit) : 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new AppError('BAD_REQUEST', 400, 'limit is a whole number from 1 to 1000.');
    const r = await data.list({ scope, prefix: typeof q.prefix === 'string' ? q.prefix : '', ...(typeof q.cursor === 'string' && q.cursor ? { cursor: q.cursor } : {}), limit });
    if (!r.ok) throw refused(r.error);
    res.json(r.value);
  });

  router.get('/:scope/:key', async (req, res) => {
    const r = await data.get(checkScope(req.params.scope), req.params.key);
    if (!r.ok) throw refused(r.error);
    if (!r.value) throw new AppError('NOT_FOUND', 404, `No entry "${req.params.key.slice(0, 200)}" in ${req.params.scope} (or it expired).`);
    res.json({ entry: r.value });
  });

  router.put('/:scope/:key', async (req, res) => {
    const body = putBody.safeParse(req.body);
    if (!body.success) throw new AppError('VALIDATION_FAILED', 400, body.error.issues[0]?.message ?? 'Send {"value": ..., "ttlSeconds": ...}.');
    const r = await data.set(checkScope(req.params.scope), req.params.key, body.data.value, body.data.ttlSeconds ?? undefined);
    if (!r.ok) throw refused(r.error);
    res.json({ entry: r.value });
  });

  router.delete('/:scope/:key', async (req, res) => {
    const r = await data.remove(checkScope(req.params.scope), req.params.key);
    if (!r.ok) throw refused(r.error);
    if (!r.value) throw new AppError('NOT_FOUND', 404, `No entry "${req.params.key.slice(0, 200)}" in ${req.params.scope} (or it expired).`);
    res.status(204).end();
  });

  return router;
}
