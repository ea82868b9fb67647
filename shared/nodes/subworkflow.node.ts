import { z } from 'zod';
import { defineNodeType, singleOutput } from './define-node-type.js';
import { DAY_MS, durationMsUpTo, durationSchemaUpTo } from './duration.js';
import { lazySchema } from '../lazy-schema.js';

/** The longest a sub-workflow step may wait for its child run. */
export const MAX_SUBWORKFLOW_TIMEOUT_MS = 30 * DAY_MS;

/** How many sub-workflow calls may nest: a run at this depth may not start another child. */
export const MAX_SUBWORKFLOW_DEPTH = 10;

export const subworkflowConfigSchema = lazySchema(() =>
  z.object({
    /** The id of the workflow to call; its latest saved version runs, active or not. */
    workflowId: z.string().trim().min(1, 'choose the workflow to call').max(100),
    /** What the called workflow receives as `trigger.body`: a JSON value of any kind, `{{ }}` templates allowed. */
    input: z.unknown().default('{{ input }}'),
    /** `wait`: continue with the child's result once it ends. `fireAndForget`: continue at once with `{runId}`. */
    mode: z.enum(['wait', 'fireAndForget']).default('wait'),
    /** In `wait` mode, how long to wait before the step fails with `subworkflow_timeout` (the child is cancelled). */
    timeout: durationSchemaUpTo(MAX_SUBWORKFLOW_TIMEOUT_MS).default('1h'),
  }),
);
export type SubworkflowConfig = z.infer<typeof subworkflowConfigSchema>;

export const subworkflowNode = defineNodeType({
  type: 'subworkflow',
  version: 1,
  title: 'Sub-workflow',
  description: 'Runs another workflow with an input and continues with its result, or starts it and goes on.',
  category: 'logic',
  icon: '⤵',
  kind: 'step',
  outputs: singleOutput,
  configSchema: subworkflowConfigSchema,
  // No workflow is chosen yet: the editor asks for one before the workflow can be saved.
  defaults: { workflowId: '', input: '{{ input }}', mode: 'wait', timeout: '1h' },
  summarize: (c) => `${c.mode === 'wait' ? 'calls' : 'starts'} ${c.workflowId || '?'}`,
});

/** The wait of a `wait`-mode step in milliseconds. */
export const subworkflowTimeoutMs = (c: SubworkflowConfig): number => durationMsUpTo(c.timeout, MAX_SUBWORKFLOW_TIMEOUT_MS);
