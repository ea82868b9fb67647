import { z } from 'zod';
import { defineNodeType, singleOutput } from './define-node-type.js';
import { DAY_MS, durationMsUpTo, durationSchemaUpTo } from './duration.js';
import { lazySchema } from '../lazy-schema.js';

export const MAX_DELAY_MS = 365 * DAY_MS;

export const delayConfigSchema = lazySchema(() =>
  z.object({
    /** `duration`: wait this long. `until`: wait until the time `until` renders to. */
    mode: z.enum(['duration', 'until']).default('duration'),
    duration: durationSchemaUpTo(MAX_DELAY_MS).default('1m'),
    /** A template giving an ISO date or epoch milliseconds, e.g. `{{ trigger.body.remindAt }}`. */
    until: z.string().max(2000).optional(),
  }),
);
export type DelayConfig = z.infer<typeof delayConfigSchema>;

export const delayNode = defineNodeType({
  type: 'delay',
  version: 1,
  title: 'Delay',
  description: 'Waits a duration, or until a time, then continues. Durable: survives restarts.',
  category: 'logic',
  icon: '⏱',
  kind: 'step',
  outputs: singleOutput,
  configSchema: delayConfigSchema,
  defaults: { mode: 'duration', duration: '5m' },
  summarize: (c) => (c.mode === 'until' ? `until ${c.until ?? '?'}` : `wait ${typeof c.duration === 'number' ? `${c.duration} ms` : c.duration}`),
});

/** The delay in milliseconds of a `duration` config. */
export const delayMs = (c: DelayConfig): number => durationMsUpTo(c.duration, MAX_DELAY_MS);
