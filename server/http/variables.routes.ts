import { Router } from 'express';
import { roleAtLeast } from '../services/auth-principal.js';
import type { VariableService } from '../variables/variable-service.js';
import { principalOf } from './require-auth.js';

/**
 * Variables, mounted at /api/variables behind auth: `GET /` (everyone; values of plain
 * variables only for editors and owners), `POST /` (201), `PUT /:name`, `DELETE /:name` (204).
 * No route returns a secret variable's value, ever.
 */
export function createVariablesRouter(d: { variables: VariableService }): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    res.json({ variables: await d.variables.list(roleAtLeast(principalOf(req).role, 'editor')) });
  });
  r.post('/', async (req, res) => {
    res.status(201).json(await d.variables.create(req.body));
  });
  r.put('/:name', async (req, res) => {
    res.json(await d.variables.update(req.params.name, req.body));
  });
  r.delete('/:name', async (req, res) => {
    await d.variables.remove(req.params.name);
    res.status(204).end();
  });
  return r;
}
