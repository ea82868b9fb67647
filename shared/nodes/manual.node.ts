import { z } from 'zod';
import { defineNodeType, singleOutput } from './define-node-type.js';
import { lazySchema } from '../lazy-schema.js';

export const manualConfigSchema = lazySchema(() =>
  z.object({
    /** The payload "Run now" uses when none is given; it becomes `trigger.body`. */
    samplePayload: z.unknown().optional(),
  }),
);
export type ManualConfig = z.infer<typeof manualConfigSchema>;

export const manualNode = defineNodeType({
  type: 'manual',
  version: 1,
  title: 'Manual trigger',
  description: 'Starts a run when a person clicks "Run now" or a script calls the run API, with a JSON payload.',
  category: 'triggers',
  icon: '▶',
  kind: 'trigger',
  outputs: singleOutput,
  configSchema: manualConfigSchema,
  defaults: { samplePayload: { hello: 'world' } },
  summarize: () => 'run now, from the editor or the API',
});
