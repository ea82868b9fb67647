import { z } from 'zod';

/** Response shape of `GET /api/workflows/:id/schedule`. */

const tick = z.object({ at: z.string(), local: z.string() });
export type ScheduleTick = z.infer<typeof tick>;

export const scheduleInfoSchema = z.object({
  workflowId: z.string(),
  active: z.boolean(),
  version: z.number(),
  schedule: z
    .object({
      nodeId: z.string(),
      mode: z.enum(['cron', 'interval']),
      cron: z.string().nullable(),
      every: z.union([z.string(), z.number()]).nullable(),
      timezone: z.string(),
      missed: z.string(),
      next: z.array(tick),
      lastTick: tick.nullable(),
      lastRunId: z.string().nullable(),
    })
    .nullable(),
});
export type ScheduleInfo = z.infer<typeof scheduleInfoSchema>;
