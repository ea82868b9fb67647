import { z } from 'zod';
import { defineNodeType, singleOutput } from './define-node-type.js';
import { lazySchema } from '../lazy-schema.js';

export const respondConfigSchema = lazySchema(() =>
  z.object({
    status: z.number().int().min(200).max(599).default(200),
    headers: z.record(z.string().max(256), z.string().max(16_384)).default({}),
    /** A JSON value or string, templates allowed; objects are sent as JSON. */
    body: z.unknown().optional(),
  }),
);
export type RespondConfig = z.infer<typeof respondConfigSchema>;

export const respondNode = defineNodeType({
  type: 'respond',
  version: 1,
  title: 'Respond to webhook',
  description: 'Answers the waiting trigger request (trigger set to "wait for Respond").',
  category: 'logic',
  icon: '↩',
  kind: 'step',
  outputs: singleOutput,
  configSchema: respondConfigSchema,
  defaults: { status: 200, headers: {}, body: { ok: true } },
  summarize: (c) => `answers ${c.status}`,
});
