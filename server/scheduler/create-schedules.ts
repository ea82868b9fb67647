import { createScheduleRouter, SCHEDULE_ROUTE } from './schedule.routes.js';
import { createScheduler, type SchedulerDeps } from './scheduler.js';

/** The scheduler and its API route (`GET /api/workflows/:id/schedule`), for the composition root. */
export function createSchedules(d: SchedulerDeps) {
  const scheduler = createScheduler(d);
  return { ...scheduler, apiRouters: { [SCHEDULE_ROUTE]: createScheduleRouter({ store: d.store, clock: d.clock }) } };
}
export type Schedules = ReturnType<typeof createSchedules>;
