import { z } from 'zod';
import { defineNodeType, singleOutput } from './define-node-type.js';
import { triggerRateLimitSchema } from './webhook.node.js';
import { lazySchema } from '../lazy-schema.js';

export const formFieldTypes = ['text', 'email', 'number', 'select', 'checkbox', 'date', 'textarea'] as const;
export type FormFieldType = (typeof formFieldTypes)[number];

/** Whether a pattern compiles as the browser compiles `pattern` (the `v` flag where it exists, `u` here). */
export function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
    return true;
  } catch {
    return false;
  }
}

export const formFieldSchema = lazySchema(() =>
  z.object({
    /** The key of the value in the submission (`trigger.body.<name>`). */
    name: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'a name: a letter or _, then letters, digits or _ (64 at most)')
      .describe('Key of the value in trigger.body.'),
    label: z.string().min(1).max(200),
    type: z.enum(formFieldTypes).default('text'),
    required: z.boolean().default(false),
    /** A regular expression the whole value must match (text, email, textarea). */
    pattern: z.string().max(500).refine(isValidPattern, 'a regular expression that compiles').optional().describe('A regular expression the whole value must match.'),
    /** What a failed pattern says, e.g. "an order number like A-123". */
    patternHint: z.string().max(200).optional(),
    /** The choices of a select. */
    options: z.array(z.string().min(1).max(200)).max(200).optional().describe('select: the choices.'),
    placeholder: z.string().max(200).optional(),
    /** number: the smallest and largest value allowed. */
    min: z.number().optional(),
    max: z.number().optional(),
    /** text, email, textarea: the most characters. */
    maxLength: z.number().int().min(1).max(100_000).optional(),
  }),
);
export type FormField = z.infer<typeof formFieldSchema>;

export const formConfigSchema = lazySchema(() =>
  z
    .object({
      title: z.string().min(1).max(200).default('Contact us').meta({ primary: true }),
      description: z.string().max(4_000).default('').meta({ primary: true }),
      fields: z.array(formFieldSchema).min(1).max(50).meta({ primary: true }),
      submitLabel: z.string().min(1).max(60).default('Send'),
      /** Shown after a submission is stored. */
      thankYou: z.string().max(4_000).default('Thank you! Your answer was received.').meta({ primary: true }),
      /** When set, the person is sent here after a submission is stored, instead of the thank-you text. */
      redirectUrl: z
        .string()
        .max(2_000)
        .regex(/^https?:\/\/\S+$/i, 'an http(s) URL')
        .optional()
        .describe('After a submission, send the person here instead of showing the thank-you text.'),
      /** Submissions over this rate get 429 and are not stored; without one the server default applies. */
      rateLimit: triggerRateLimitSchema.optional(),
    })
    .superRefine((c, ctx) => {
      const seen = new Set<string>();
      c.fields.forEach((f, i) => {
        if (seen.has(f.name)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'name'], message: `Two fields are named "${f.name}".` });
        seen.add(f.name);
        if (f.type === 'select' && !f.options?.length) ctx.addIssue({ code: 'custom', path: ['fields', i, 'options'], message: 'A select needs at least one option.' });
      });
    }),
);
export type FormConfig = z.infer<typeof formConfigSchema>;

export const formNode = defineNodeType({
  type: 'form',
  version: 1,
  title: 'Form',
  description: 'Starts a run when someone submits a hosted form page (its URL is listed with the trigger URLs).',
  category: 'triggers',
  icon: '📝',
  kind: 'trigger',
  outputs: singleOutput,
  configSchema: formConfigSchema,
  defaults: {
    title: 'Contact us',
    fields: [
      { name: 'name', label: 'Name', type: 'text', required: true },
      { name: 'email', label: 'Email', type: 'email', required: true },
      { name: 'message', label: 'Message', type: 'textarea' },
    ],
  },
  summarize: (c) => `${c.title} · ${c.fields.length} field${c.fields.length === 1 ? '' : 's'}`,
});
