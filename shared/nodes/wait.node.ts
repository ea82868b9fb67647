import { z } from 'zod';
import { defineNodeType } from './define-node-type.js';
import { DAY_MS, durationMsUpTo, durationSchemaUpTo } from './duration.js';
import { lazySchema } from '../lazy-schema.js';

export const MAX_WAIT_MS = 365 * DAY_MS;

/** The handle a wait (or approval) takes when nobody called its URL in time. */
export const TIMEOUT_OUTPUT = 'timeout';

export const waitConfigSchema = lazySchema(() =>
  z.object({
    /** How long to wait for a call before taking the "timeout" output. */
    timeout: durationSchemaUpTo(MAX_WAIT_MS)
      .default('1d')
      .meta({ title: 'Timeout', primary: true, description: 'How long to wait for a call ("30m", "2h", "7d"; at most 365 days); then the step takes its "Timed out" output.' }),
    /** How many calls the resume URL accepts: the first continues the step; later ones (a sender's retries) are acknowledged and kept. */
    maxUses: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(1)
      .meta({ title: 'Max uses', primary: true, description: 'Calls the URL accepts. The first continues the step; later ones (a sender retrying) get 202 until used up, then 409.' }),
  }),
);
export type WaitConfig = z.infer<typeof waitConfigSchema>;

export const waitNode = defineNodeType({
  type: 'wait',
  version: 1,
  title: 'Wait for callback',
  description: 'Pauses the run until its resume URL ({{ steps.<id>.resumeUrl }}) is called; the JSON posted becomes its output. Durable: survives restarts.',
  category: 'logic',
  icon: '⏸',
  kind: 'step',
  outputs: [
    { id: 'out', label: 'Resumed' },
    { id: TIMEOUT_OUTPUT, label: 'Timed out' },
  ],
  configSchema: waitConfigSchema,
  defaults: { timeout: '1d', maxUses: 1 },
  summarize: (c) => `until called, at most ${typeof c.timeout === 'number' ? `${c.timeout} ms` : c.timeout}${c.maxUses > 1 ? `, ${c.maxUses} calls` : ''}`,
});

/** The wait's timeout in milliseconds. */
export const waitTimeoutMs = (c: { timeout: number | string }): number => durationMsUpTo(c.timeout, MAX_WAIT_MS);
