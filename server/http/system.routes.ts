import { Router } from 'express';
import type { StorageReport } from '../ops/storage-report.js';
import type { SweepResult } from '../ops/retention-sweeper.js';
import type { MaintenanceResult } from '../ops/storage-maintenance.js';

export interface SystemRoutesDeps {
  storage: StorageReport;
  sweep: () => Promise<SweepResult>;
  maintain: () => Promise<MaintenanceResult>;
}

/**
 * `/api/system`: the database's size and growth for settings, and the upkeep a person may
 * start by hand (a retention sweep, a checkpoint and vacuum) instead of waiting for the timer.
 */
export function createSystemRouter(d: SystemRoutesDeps): Router {
  const r = Router();
  r.get('/storage', async (_req, res) => {
    res.json(await d.storage());
  });
  r.post('/retention/sweep', async (_req, res) => {
    res.json(await d.sweep());
  });
  r.post('/maintenance', async (_req, res) => {
    res.json(await d.maintain());
  });
  return r;
}
