import { z } from 'zod';
import type { Http } from './http.js';

/** Operations: the database's size and growth (settings), and each workflow's queue (workflow list). */

const limit = z.number().nullable();
const sampleSchema = z.object({ at: z.number(), dbBytes: z.number(), walBytes: z.number(), freeBytes: z.number() });
const growthSchema = z.object({ bytes: z.number(), since: z.number() }).nullable();

export const storageSchema = z.object({
  dbBytes: z.number(),
  walBytes: z.number(),
  freeBytes: z.number(),
  totalBytes: z.number(),
  pageSize: z.number(),
  autoVacuum: z.string(),
  counts: z.object({ workflows: z.number(), runs: z.number(), steps: z.number(), events: z.number() }),
  growth: z.object({ lastDay: growthSchema, lastWeek: growthSchema }),
  history: z.array(sampleSchema),
  retention: z.object({ days: limit, maxRuns: limit, failedDays: limit, failedMaxRuns: limit }),
  stepPayloadMaxBytes: z.number(),
  lastSweep: z.object({ at: z.number(), runs: z.number(), events: z.number(), tookMs: z.number() }).nullable(),
  lastMaintenance: z.object({ at: z.number(), vacuumedPages: z.number() }).passthrough().nullable(),
});
export type Storage = z.infer<typeof storageSchema>;

const stateSchema = z.object({ count: z.number(), oldestAt: z.number().nullable(), oldestAgeMs: z.number().nullable() });
export const workflowQueueSchema = z.object({
  workflowId: z.string(),
  queued: stateSchema,
  running: stateSchema,
  waiting: stateSchema,
  retrying: stateSchema,
  total: z.number(),
  oldestAt: z.number().nullable(),
  oldestAgeMs: z.number().nullable(),
});
export type WorkflowQueue = z.infer<typeof workflowQueueSchema>;
export const queueSchema = z.object({ workflows: z.array(workflowQueueSchema), totals: z.record(z.string(), z.number()) });

/** Settings › Egress: EGRESS_ALLOW (read-only floor), the owner's entries, and both together. */
export const egressSchema = z.object({ floor: z.array(z.string()), entries: z.array(z.string()), effective: z.array(z.string()) });
export type EgressSettings = z.infer<typeof egressSchema>;

/** The operations calls of the API client. */
export function createOpsApi({ request }: Pick<Http, 'request'>) {
  return {
    storage: () => request('GET', '/api/system/storage', storageSchema),
    sweep: () => request('POST', '/api/system/retention/sweep', z.object({ runs: z.number(), events: z.number() }).passthrough()),
    queue: () => request('GET', '/api/queue', queueSchema),
    egress: () => request('GET', '/api/settings/egress', egressSchema),
    setEgress: (entries: string[]) => request('PUT', '/api/settings/egress', egressSchema, { body: { entries } }),
  };
}
export type OpsApi = ReturnType<typeof createOpsApi>;
