import { Router } from 'express';
import { actorOf } from '../services/audit-service.js';
import { egressUpdateSchema, type EgressSettings } from '../services/egress-settings.js';
import { clientIpOf } from './auth-cookies.js';
import { parseInput } from './errors.js';
import { principalOf } from './require-auth.js';

/**
 * Installation settings (owners only, see rights.ts). `GET|PUT /egress`: the allow-list of
 * private addresses and host names that outbound steps may reach, on top of EGRESS_ALLOW.
 */
export function createSettingsRouter(d: { egress: EgressSettings }): Router {
  const r = Router();
  r.get('/egress', async (_req, res) => {
    res.json(await d.egress.view());
  });
  r.put('/egress', async (req, res) => {
    const input = parseInput(egressUpdateSchema, req.body);
    res.json(await d.egress.update(input.entries, actorOf(principalOf(req), clientIpOf(req))));
  });
  return r;
}
