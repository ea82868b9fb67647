import { z } from 'zod';
import { sealedSchema } from './bundle-crypto.js';

export const BUNDLE_VERSION = 1;

/** One workflow as exported: its id and state on the source server, and its current definition. */
export const bundledWorkflowSchema = z.object({
  id: z.string(),
  name: z.string(),
  active: z.boolean(),
  definition: z.record(z.string(), z.unknown()),
});

/** `switchyard workflow export --all`: every workflow, and the credentials only when asked for (sealed). */
export const bundleSchema = z.object({
  switchyard: z.literal('bundle'),
  version: z.literal(BUNDLE_VERSION),
  exportedAt: z.string(),
  workflows: z.array(bundledWorkflowSchema),
  credentials: sealedSchema.optional(),
});
export type Bundle = z.infer<typeof bundleSchema>;

/** A credential inside the sealed part of a bundle. */
export const bundledCredentialSchema = z.object({ id: z.string(), name: z.string(), type: z.string(), data: z.record(z.string(), z.unknown()) });
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
