import { z } from 'zod';
import { defineNodeType } from './define-node-type.js';
import { lazySchema } from '../lazy-schema.js';

/** The output the loop body hangs off: taken once per item, inside the loop. */
export const LOOP_ITEM_OUTPUT = 'item';
/** The output taken once, after every item, with the collected results. */
export const LOOP_DONE_OUTPUT = 'done';

/** The most items one loop may take; larger lists fail the step rather than the server. */
export const MAX_LOOP_ITEMS = 100_000;

export const loopConfigSchema = lazySchema(() =>
  z.object({
    /** The list to walk: usually one expression such as `{{ trigger.body.lines }}`, or a literal array. */
    items: z.union([z.string().max(2000), z.array(z.unknown()).max(1000)]).default('{{ input }}'),
    /** How many items run at the same time (1 keeps their order strictly one after another). */
    concurrency: z.number().int().min(1).max(50).default(1),
    /** The most items this loop accepts; more fails the step with `loop_too_many_items`. */
    maxItems: z.number().int().min(1).max(MAX_LOOP_ITEMS).default(10_000),
    /** `fail`: the first failed item fails the loop. `collect`: its `{error}` joins the results and the loop goes on. */
    onItemFailure: z.enum(['fail', 'collect']).default('fail'),
  }),
);
export type LoopConfig = z.infer<typeof loopConfigSchema>;

export const loopNode = defineNodeType({
  type: 'loop',
  version: 1,
  title: 'Loop',
  description: 'Runs the steps on its "Each item" output once per item of a list, then continues on "Done" with the collected results.',
  category: 'logic',
  icon: '↻',
  kind: 'step',
  outputs: [
    { id: LOOP_ITEM_OUTPUT, label: 'Each item' },
    { id: LOOP_DONE_OUTPUT, label: 'Done' },
  ],
  configSchema: loopConfigSchema,
  defaults: { items: '{{ input }}', concurrency: 1, maxItems: 10_000, onItemFailure: 'fail' },
  summarize: (c) => `each of ${typeof c.items === 'string' ? c.items : `${c.items.length} items`}${c.concurrency > 1 ? `, ${c.concurrency} at a time` : ''}`,
});
