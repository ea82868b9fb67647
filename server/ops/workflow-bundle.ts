import { z } from 'zod';
import { sealedSchema } from './bundle-crypto.js';
import { variableNameSchema, variableNamesIn } from '../../shared/variables/variable-schema.js';
import type { StoredVariable } from '../store/ports/variables.js';
import { lazySchema } from '../../shared/lazy-schema.js';

export const BUNDLE_VERSION = 1;

/** One workflow as exported: its id and state on the source server, and its current definition. */
export const bundledWorkflowSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    active: z.boolean(),
    definition: z.record(z.string(), z.unknown()),
  }),
);

/** A variable the bundled workflows read: a plain one with its value, a secret one by name only. */
export const bundledVariableSchema = lazySchema(() =>
  z.union([z.strictObject({ name: variableNameSchema, secret: z.literal(false), value: z.string() }), z.strictObject({ name: variableNameSchema, secret: z.literal(true) })]),
);
export type BundledVariable = z.infer<typeof bundledVariableSchema>;

/** `switchyard workflow export --all`: every workflow, the variables they read, and the credentials only when asked for (sealed). */
export const bundleSchema = lazySchema(() =>
  z.object({
    switchyard: z.literal('bundle'),
    version: z.literal(BUNDLE_VERSION),
    exportedAt: z.string(),
    workflows: z.array(bundledWorkflowSchema),
    variables: z.array(bundledVariableSchema).optional(),
    credentials: sealedSchema.optional(),
  }),
);
export type Bundle = z.infer<typeof bundleSchema>;

/** A credential inside the sealed part of a bundle. */
export const bundledCredentialSchema = lazySchema(() => z.object({ id: z.string(), name: z.string(), type: z.string(), data: z.record(z.string(), z.unknown()) }));
export type BundledCredential = z.infer<typeof bundledCredentialSchema>;

/** What the sealed part is bound to, so it cannot be moved into another bundle unnoticed. */
export const sealedAad = (b: Pick<Bundle, 'version' | 'exportedAt'>) => `switchyard-bundle/${b.version}/${b.exportedAt}`;

/** Whether a parsed JSON file is a bundle (else it is taken as one workflow definition). */
export const isBundle = (value: unknown): boolean => typeof value === 'object' && value !== null && (value as { switchyard?: unknown }).switchyard === 'bundle';

/**
 * Replaces every string equal to an old credential id with its new id, anywhere in a
 * definition (trigger auth, signing, app steps...). Pure; ids are unguessable, so a plain
 * value equal to one is not a concern.
 */
export function remapIds<T>(value: T, ids: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') return (ids.get(value) ?? value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => remapIds(v, ids)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remapIds(v, ids)])) as T;
  }
  return value;
}

/**
 * The stored variables the definitions read (`vars.NAME` anywhere in them): plain ones with their
 * values, secret ones by name only (their values never leave the server this way). Pure.
 */
export function variablesUsedBy(definitions: readonly unknown[], stored: readonly StoredVariable[]): BundledVariable[] {
  const used = new Set(definitions.flatMap((d) => variableNamesIn(JSON.stringify(d))));
  return stored.filter((v) => used.has(v.name)).map((v) => (v.secret ? { name: v.name, secret: true } : { name: v.name, secret: false, value: v.value }));
}
