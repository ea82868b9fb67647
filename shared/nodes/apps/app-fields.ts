import { z } from 'zod';
import { retrySettingsSchema } from '../http.node.js';
import { lazySchema } from '../../lazy-schema.js';

/**
 * Building blocks of app action configs. Every text field may hold `{{ }}` templates, so
 * configs are checked for shape here and the rendered values again when the step runs.
 * `primary` (a JSON Schema annotation) asks the editor to show an optional field up front:
 * fields that only some operations need are optional in the schema but not "advanced".
 */
export const primary = { primary: true } as const;

/** The id of a stored credential; the runner checks its type. */
export const credentialIdField = (fits: string) =>
  z
    .string()
    .min(1, 'Pick a credential.')
    .max(100)
    .meta({ title: 'Credential', description: `${fits}. Stored encrypted; never shown again.` });

/** A required text setting (templates allowed). */
export const requiredText = (title: string, description: string, max: number) =>
  z.string().trim().min(1, `${title} is required.`).max(max, `${title} is longer than ${max} characters.`).meta({ title, description });

/** An optional text setting (templates allowed). */
export const optionalText = (title: string, description: string, max: number, extra: Record<string, unknown> = {}) =>
  z
    .string()
    .max(max, `${title} is longer than ${max} characters.`)
    .optional()
    .meta({ title, description, ...extra });

/** Names to plain values (templates allowed), drawn as a key-value editor. */
export const scalarMap = (title: string, description: string, extra: Record<string, unknown> = {}) =>
  z
    // Plain members (no max on the string) keep the JSON Schema a type list, which the editor draws as key-value rows.
    .record(z.string().min(1).max(200), z.union([z.string(), z.number(), z.boolean()]))
    .refine((m) => Object.keys(m).length <= 200, 'At most 200 entries.')
    .refine((m) => Object.values(m).every((v) => typeof v !== 'string' || v.length <= 65_536), 'A value is longer than 65536 characters.')
    .optional()
    .meta({ title, description, ...extra });

/** A list of JSON objects (Block Kit blocks, Discord embeds), or one `{{ }}` expression that yields such a list. */
export const objectListOrExpression = (title: string, description: string, maxItems: number) =>
  z
    .union([z.array(z.record(z.string(), z.unknown())).max(maxItems, `At most ${maxItems} items.`), z.string().max(8192)])
    .optional()
    .meta({ title, description });

/** Retries on the delivery schedule by default (docs/delivery.md); shape them per step. */
export const appRetry = lazySchema(() =>
  retrySettingsSchema.optional().meta({
    title: 'Retries',
    description: 'Attempts in all and the waits between them. By default 8 attempts over about 28 hours; 429s and 5xx answers are retried, other refusals are not.',
  }),
);

/** Adds an issue at `path` when a setting an operation needs is missing or blank. */
export function requireFor(ctx: z.RefinementCtx, value: unknown, path: string, message: string): void {
  if (typeof value !== 'string' || value.trim() === '') ctx.addIssue({ code: 'custom', path: [path], message });
}
