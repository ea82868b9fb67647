import { Router } from 'express';
import { AppError } from '../../shared/errors.js';
import type { EndpointHealth, EndpointView } from '../delivery/endpoint-health.js';

const states: ReadonlySet<EndpointView['state']> = new Set(['healthy', 'failing', 'recovering', 'disabled']);

/**
 * Endpoint health for people and the editor, mounted at /api/endpoints behind auth:
 * `GET /` (optional `?state=`), `GET /:id`, `POST /:id/enable`. `:id` is the endpoint's id
 * (`ep_...`) or its origin, URL-encoded.
 */
export function createEndpointsRouter(deps: { endpoints: EndpointHealth }): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const state = typeof req.query.state === 'string' ? req.query.state : undefined;
    if (state !== undefined && !states.has(state as EndpointView['state'])) {
      throw new AppError('BAD_REQUEST', 400, `Unknown state "${state.slice(0, 40)}": use healthy, failing, recovering or disabled.`);
    }
    const list = deps.endpoints.list().filter((e) => state === undefined || e.state === state);
    res.json({ endpoints: list });
  });

  router.get('/:id', (req, res) => {
    const found = deps.endpoints.get(req.params.id);
    if (!found) throw new AppError('NOT_FOUND', 404, `No endpoint ${req.params.id.slice(0, 200)} has been delivered to since the server started.`);
    res.json({ endpoint: found });
  });

  router.post('/:id/enable', async (req, res) => {
    const enabled = await deps.endpoints.enable(req.params.id);
    if (!enabled) throw new AppError('NOT_FOUND', 404, `No endpoint ${req.params.id.slice(0, 200)} is known; list them with GET /api/endpoints.`);
    res.json({ endpoint: enabled });
  });

  return router;
}
