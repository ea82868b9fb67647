import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';

/**
 * How long a workflow's finished runs are kept. Each limit is optional: an absent one falls
 * back to the server's default, `null` means "no limit". Failed runs have their own limits,
 * so failures can be kept longer than successes.
 */
export const retentionSettingsSchema = lazySchema(() =>
  z.object({
    /** Delete succeeded and cancelled runs that finished more than this many days ago. */
    days: z.number().int().min(1).max(36_500).nullable().optional(),
    /** Keep at most this many succeeded and cancelled runs (the newest). */
    maxRuns: z.number().int().min(1).max(100_000_000).nullable().optional(),
    /** Delete failed runs that finished more than this many days ago. */
    failedDays: z.number().int().min(1).max(36_500).nullable().optional(),
    /** Keep at most this many failed runs (the newest). */
    failedMaxRuns: z.number().int().min(1).max(100_000_000).nullable().optional(),
  }),
);
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;
