import { Router } from 'express';
import { AppError } from '../../shared/errors.js';
import type { Store } from '../store/ports/store.js';
import type { Clock } from '../lib/clock.js';
import { scheduleTriggerOf } from './active-schedules.js';
import { nextTicks, specOf } from './schedule-ticks.js';
import { toZonedIso } from './zoned-time.js';

/** How many upcoming ticks the API lists. */
export const UPCOMING = 5;

export interface ScheduleRoutesDeps {
  store: Pick<Store, 'workflows' | 'schedules'>;
  clock: Clock;
}

/**
 * `GET /api/workflows/:id/schedule`: the saved schedule trigger with its next ticks, each as an
 * instant and as local time with offset in the trigger's time zone, and the last tick that ran.
 * `schedule` is null when the workflow's trigger is not a schedule. Mounted with the `:id` param.
 */
export function createScheduleRouter(d: ScheduleRoutesDeps): Router {
  const r = Router({ mergeParams: true });
  r.get('/', async (req, res) => {
    const id = String((req.params as Record<string, unknown>).id ?? '');
    const wf = await d.store.workflows.get(id);
    if (!wf) throw new AppError('NOT_FOUND', 404, `There is no workflow with id "${id}".`);
    const found = await scheduleTriggerOf(d.store.workflows, id);
    if (found === undefined || found === 'invalid') return void res.json({ workflowId: id, active: wf.active, version: wf.currentVersion, schedule: null });
    const { config } = found;
    const tz = config.timezone;
    const at = (t: number) => ({ at: new Date(t).toISOString(), local: toZonedIso(t, tz) });
    const st = await d.store.schedules.get(id, found.nodeId);
    res.json({
      workflowId: id,
      active: wf.active,
      version: wf.currentVersion,
      schedule: {
        nodeId: found.nodeId,
        mode: config.mode,
        cron: config.mode === 'cron' ? (config.cron ?? null) : null,
        every: config.mode === 'interval' ? config.every : null,
        timezone: tz,
        missed: config.missed,
        next: nextTicks(specOf(config), d.clock.now(), UPCOMING).map(at),
        lastTick: st?.lastTick != null ? at(st.lastTick) : null,
        lastRunId: st?.lastRunId ?? null,
      },
    });
  });
  return r;
}

/** The path under /api the router is mounted at (as a key of the composition root's extra routers). */
export const SCHEDULE_ROUTE = 'workflows/:id/schedule';
