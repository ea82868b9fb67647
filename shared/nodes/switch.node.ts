import { z } from 'zod';
import { defineNodeType } from './define-node-type.js';
import { ruleSchema } from './rules.js';
import { lazySchema } from '../lazy-schema.js';

export const FALLBACK_OUTPUT = 'fallback';

const caseSchema = lazySchema(() =>
  z.object({
    /** The output handle of this case; edges name it in `sourceHandle`. */
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, "_" or "-", at most 40')
      .refine((id) => id !== FALLBACK_OUTPUT, '"fallback" is the output for no match'),
    label: z.string().max(100).optional(),
    combinator: z.enum(['and', 'or']).default('and'),
    rules: z.array(ruleSchema).min(1).max(50),
  }),
);

export const switchConfigSchema = lazySchema(() =>
  z.object({
    cases: z
      .array(caseSchema)
      .min(1)
      .max(25)
      .refine((cases) => new Set(cases.map((c) => c.id)).size === cases.length, 'Each case needs its own id.'),
    /** false: the first matching case only (like a switch); true: every matching case. */
    matchAll: z.boolean().default(false),
  }),
);
export type SwitchConfig = z.infer<typeof switchConfigSchema>;

export const switchNode = defineNodeType({
  type: 'switch',
  version: 1,
  title: 'Switch',
  description: 'Sends the data down the first case whose rules hold (or every one), otherwise down "fallback".',
  category: 'logic',
  icon: '⇶',
  kind: 'step',
  outputs: [{ id: FALLBACK_OUTPUT, label: 'Otherwise' }],
  outputsFor: (c) => [...c.cases.map((k) => ({ id: k.id, label: k.label ?? k.id })), { id: FALLBACK_OUTPUT, label: 'Otherwise' }],
  configSchema: switchConfigSchema,
  defaults: {
    cases: [
      { id: 'paid', label: 'Paid', rules: [{ field: 'trigger.body.type', operator: 'equals', value: 'invoice.paid' }] },
      { id: 'failed', label: 'Failed', rules: [{ field: 'trigger.body.type', operator: 'equals', value: 'invoice.payment_failed' }] },
    ],
  },
  summarize: (c) => `${c.cases.length} case${c.cases.length === 1 ? '' : 's'}${c.matchAll ? ', all that match' : ''} + otherwise`,
});
