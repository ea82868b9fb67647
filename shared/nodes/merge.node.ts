import { z } from 'zod';
import { pathSegments } from '../graph/templates.js';
import { defineNodeType, singleOutput } from './define-node-type.js';
import { lazySchema } from '../lazy-schema.js';

/** How items of the two inputs pair up by field, named as in SQL (n8n: keep matches, enrich input 1 or 2, keep everything). */
export const MERGE_JOINS = ['inner', 'left', 'right', 'outer'] as const;

const fieldPath = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1)
    .max(500)
    .refine((p) => pathSegments(p) !== undefined || !/[.[\]]/.test(p), 'a field name or a path like customer.email or ["e-mail"]'),
);

export const mergeByFieldSchema = lazySchema(() =>
  z.object({
    field1: fieldPath.meta({ title: 'Field in input 1', description: 'Read in each item of the first incoming edge: a name (id) or a path (customer.email).' }),
    field2: fieldPath.meta({ title: 'Field in input 2', description: 'Read in each item of the second incoming edge; items match when both values are equal.' }),
    items1: fieldPath.optional().meta({ title: 'List in input 1', description: 'Where the items sit in input 1’s output: body for an HTTP step’s list. Empty: the output itself.' }),
    items2: fieldPath.optional().meta({ title: 'List in input 2', description: 'Where the items sit in input 2’s output. Empty: the output itself.' }),
    join: z.enum(MERGE_JOINS).default('inner').meta({
      title: 'Keep',
      description: 'inner: matched pairs only; left: every item of input 1, enriched where matched; right: every item of input 2; outer: matched pairs, then the unmatched of both.',
    }),
  }),
);
export type MergeByField = z.infer<typeof mergeByFieldSchema>;

export const mergeConfigSchema = lazySchema(() =>
  z
    .object({
      /** `all`: wait until every incoming branch has finished or been skipped. `first`: go on with the first branch that arrives. */
      mode: z.enum(['all', 'first']).default('all'),
      /**
       * How the arrived outputs become one: `byStep` an object keyed by the step each came from,
       * `list` an array in the order of the incoming edges, `merge` the objects merged key by key
       * (later edges win), `byField` the items of two inputs joined where a field matches
       * (`byField` says which fields and which items to keep). With `first`, the output is the
       * first branch's output as it is.
       */
      combine: z.enum(['byStep', 'list', 'merge', 'byField']).default('byStep'),
      /** For `combine: byField`: the field read in each input's items, and which items to keep. */
      byField: mergeByFieldSchema.optional(),
    })
    .superRefine((c, ctx) => {
      if (c.combine === 'byField' && c.mode === 'all' && !c.byField) ctx.addIssue({ code: 'custom', path: ['byField'], message: 'Say which field of input 1 and of input 2 to match on.' });
    }),
);
export type MergeConfig = z.infer<typeof mergeConfigSchema>;

const COMBINED: Record<MergeConfig['combine'], string> = { byStep: 'by step', list: 'list', merge: 'merge', byField: 'by field' };

export const mergeNode = defineNodeType({
  type: 'merge',
  version: 1,
  title: 'Merge',
  description: 'Joins branches: waits for all of them (or takes the first to arrive) and combines their outputs, or matches their items by a field.',
  category: 'logic',
  icon: '⋈',
  kind: 'step',
  outputs: singleOutput,
  configSchema: mergeConfigSchema,
  defaults: { mode: 'all', combine: 'byStep' },
  summarize: (c) =>
    c.mode === 'first'
      ? 'first branch to arrive'
      : c.combine === 'byField' && c.byField
        ? `${c.byField.join} join on ${c.byField.field1} = ${c.byField.field2}`
        : `all branches, ${COMBINED[c.combine]}`,
});
