// How the records of credentials, endpoints and refused requests are checked when read back, for
// every storage implementation: a row that does not have the port's shape is a CorruptRowError
// (or, for an inbox entry's headers, an empty map: a corrupt row must not break the list).
import { z } from 'zod';
import { CorruptRowError } from './ports/corrupt-row.js';
import { lazySchema } from '../../shared/lazy-schema.js';

const credentialMeta = lazySchema(() => z.object({ id: z.string(), name: z.string(), type: z.string(), createdAt: z.number(), updatedAt: z.number() }));

/** The shapes of a stored credential: its metadata, and the whole sealed record. */
export const credentialSchemas = {
  meta: credentialMeta,
  sealed: lazySchema(() => credentialMeta.unwrap().extend({ keyId: z.string(), iv: z.instanceof(Buffer), ciphertext: z.instanceof(Buffer), tag: z.instanceof(Buffer) })),
};

/** A stored endpoint (an origin outbound steps deliver to) and whether a person must re-enable it. */
export const endpointSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    origin: z.string(),
    disabledAt: z.number().nullable(),
    disabledReason: z.string().nullable(),
    updatedAt: z.number(),
  }),
);
export type EndpointRow = z.infer<typeof endpointSchema>;

/** A row read back as `schema`, or a CorruptRowError naming the table and the row's id. */
export function parseRow<T>(table: string, schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new CorruptRowError(table, String((raw as { id?: unknown } | undefined)?.id ?? '?'), parsed.error);
  return parsed.data;
}

/** A stored header map, or {} when the row holds something else. */
export function headersOf(text: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}
