import { z } from 'zod';
import { defineNodeType, singleOutput } from './define-node-type.js';

export const mergeConfigSchema = z.object({
  /** `all`: wait until every incoming branch has finished or been skipped. `first`: go on with the first branch that arrives. */
  mode: z.enum(['all', 'first']).default('all'),
  /**
   * How the arrived outputs become one: `byStep` an object keyed by the step each came from,
   * `list` an array in the order of the incoming edges, `merge` the objects merged key by key
   * (later edges win). With `first`, the output is the first branch's output as it is.
   */
  combine: z.enum(['byStep', 'list', 'merge']).default('byStep'),
});
export type MergeConfig = z.infer<typeof mergeConfigSchema>;

export const mergeNode = defineNodeType({
  type: 'merge',
  version: 1,
  title: 'Merge',
  description: 'Joins branches: waits for all of them (or takes the first to arrive) and combines their outputs.',
  category: 'logic',
  icon: '⋈',
  kind: 'step',
  outputs: singleOutput,
  configSchema: mergeConfigSchema,
  defaults: { mode: 'all', combine: 'byStep' },
  summarize: (c) => (c.mode === 'first' ? 'first branch to arrive' : `all branches, ${c.combine === 'byStep' ? 'by step' : c.combine}`),
});
