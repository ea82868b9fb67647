import { z } from 'zod';
import type { Http } from './http.js';

/** Trigger URLs beyond the workflow: rotation, rate limits, allow-lists and the inbox of refused requests. */

const statsSchema = z.object({
  lastHour: z.number(),
  lastDay: z.number(),
  byReason: z.record(z.string(), z.number()),
  hourly: z.array(z.number()),
  lastAt: z.number().nullable(),
});
export type RejectionStats = z.infer<typeof statsSchema>;

export const triggerViewSchema = z.object({
  nodeId: z.string(),
  url: z.string(),
  rotatedAt: z.number().nullable(),
  previous: z.array(z.object({ url: z.string(), expiresAt: z.number() })),
  rateLimit: z.object({ requests: z.number(), per: z.enum(['second', 'minute']), burst: z.number(), source: z.enum(['trigger', 'default']) }).nullable(),
  rate: z.object({ requestsLastMinute: z.number(), limitedLastMinute: z.number() }),
  allowedIps: z.array(z.string()).nullable(),
  rejections: statsSchema,
});
export type TriggerView = z.infer<typeof triggerViewSchema>;

export const rejectionItemSchema = z.object({
  id: z.number(),
  nodeId: z.string(),
  at: z.number(),
  status: z.number(),
  reason: z.string(),
  source: z.string().nullable(),
  method: z.string(),
  size: z.number().nullable(),
  headers: z.record(z.string(), z.string()),
});
export type RejectionItem = z.infer<typeof rejectionItemSchema>;

const inboxSchema = z.object({ items: z.array(rejectionItemSchema), nextCursor: z.string().nullable() });
export type InboxPage = z.infer<typeof inboxSchema>;

const enc = encodeURIComponent;

/** The trigger calls of the API client. */
export function createTriggersApi({ request }: Pick<Http, 'request'>) {
  return {
    list: (workflowId: string) => request('GET', `/api/workflows/${enc(workflowId)}/triggers`, z.object({ triggers: z.array(triggerViewSchema) })),
    /** A new URL at once; the old one keeps working for `graceSeconds` (0: stops at once). */
    rotate: (workflowId: string, nodeId: string, graceSeconds: number) =>
      request('POST', `/api/workflows/${enc(workflowId)}/triggers/${enc(nodeId)}/rotate`, z.object({ trigger: triggerViewSchema }), { body: { graceSeconds } }),
    /** Refused requests of the last day, newest first. */
    rejections: (workflowId: string, q: { nodeId?: string; cursor?: string; limit?: number } = {}) => {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) if (v !== undefined) qs.set(k, String(v));
      return request('GET', `/api/workflows/${enc(workflowId)}/rejections?${qs.toString()}`, inboxSchema);
    },
  };
}
export type TriggersApi = ReturnType<typeof createTriggersApi>;
