import { z } from 'zod';
import { defineNodeType, singleOutput } from './define-node-type.js';
import { lazySchema } from '../lazy-schema.js';

export const subworkflowTriggerConfigSchema = lazySchema(() =>
  z.object({
    /** The input "Run now" uses when none is given, standing in for what a calling workflow sends. */
    samplePayload: z.unknown().optional(),
  }),
);
export type SubworkflowTriggerConfig = z.infer<typeof subworkflowTriggerConfigSchema>;

/**
 * The trigger of a workflow meant to be called by others: it has no URL, and `trigger.body`
 * is the caller's input. Any trigger type can be called; this one says so on the canvas.
 */
export const subworkflowTriggerNode = defineNodeType({
  type: 'subworkflowTrigger',
  version: 1,
  title: 'Called by a workflow',
  description: 'Starts a run when a Sub-workflow step of another workflow calls this one; trigger.body is its input.',
  category: 'triggers',
  icon: '⤷',
  kind: 'trigger',
  outputs: singleOutput,
  configSchema: subworkflowTriggerConfigSchema,
  defaults: { samplePayload: {} },
  summarize: () => 'called by a Sub-workflow step',
});
