import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';

/** A variable's name: a JavaScript identifier, so `vars.NAME` reads it in expressions and code. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Longest value kept (characters). Variables are settings, not data sets. */
export const MAX_VARIABLE_VALUE = 10_000;

export const variableNameSchema = lazySchema(() =>
  z.string().regex(VARIABLE_NAME, 'A variable name starts with a letter or "_", then letters, digits or "_", 64 characters at most (it is read as vars.NAME).'),
);

const valueSchema = lazySchema(() => z.string().max(MAX_VARIABLE_VALUE, `A variable's value is ${MAX_VARIABLE_VALUE} characters at most.`));

/** `POST /api/variables`. */
export const createVariableSchema = lazySchema(() => z.strictObject({ name: variableNameSchema, value: valueSchema, secret: z.boolean().default(false) }));

/** `PUT /api/variables/:name`: a new value, the secret flag, or both. */
export const updateVariableSchema = lazySchema(() =>
  z.strictObject({ value: valueSchema.optional(), secret: z.boolean().optional() }).refine((u) => u.value !== undefined || u.secret !== undefined, 'Send "value", "secret" or both.'),
);

/** A variable as the API shows it: `value` only for a plain one, and only to those who may edit variables. */
export const variableViewSchema = lazySchema(() =>
  z.object({
    name: z.string(),
    secret: z.boolean(),
    value: z.string().optional(),
    createdAt: z.number(),
    updatedAt: z.number(),
  }),
);
export type VariableView = z.infer<typeof variableViewSchema>;

/** The names a text reads as `vars.NAME` or `vars["NAME"]` (an expression, a code step, a whole definition as JSON). */
export function variableNamesIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\bvars\s*(?:\?\.\s*|\.\s*)([A-Za-z_][A-Za-z0-9_]*)|\bvars\s*(?:\?\.\s*)?\[\s*\\?(['"])([A-Za-z_][A-Za-z0-9_]*)\\?\2\s*\]/g)) {
    const name = m[1] ?? m[3];
    if (name !== undefined && VARIABLE_NAME.test(name)) found.add(name);
  }
  return [...found].sort();
}
