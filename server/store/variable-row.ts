// How a stored variable row becomes the port's record, for every storage implementation (SQLite
// gives the flag as 0/1 and binary columns as Buffers; PostgreSQL gives a boolean and Buffers too).
import { z } from 'zod';
import { CorruptRowError } from './ports/corrupt-row.js';
import type { StoredVariable, VariableValue } from './ports/variables.js';
import { lazySchema } from '../../shared/lazy-schema.js';

const rowSchema = lazySchema(() =>
  z.object({
    name: z.string(),
    secret: z.union([z.boolean(), z.literal(0), z.literal(1)]).transform((v) => v === true || v === 1),
    value: z.string().nullable(),
    keyId: z.string().nullable(),
    iv: z.instanceof(Buffer).nullable(),
    ciphertext: z.instanceof(Buffer).nullable(),
    tag: z.instanceof(Buffer).nullable(),
    createdAt: z.number(),
    updatedAt: z.number(),
  }),
);

/** The columns, named as the record's fields (both dialects quote camelCase the same way). */
export const variableColumns = 'name, secret, value, key_id AS "keyId", iv, ciphertext, tag, created_at AS "createdAt", updated_at AS "updatedAt"';

/** A row as the port's record; a row that is neither a plain value nor a whole sealed one is a CorruptRowError. */
export function variableFromRow(raw: unknown): StoredVariable {
  const parsed = rowSchema.safeParse(raw);
  const name = String((raw as { name?: unknown } | undefined)?.name ?? '?');
  if (!parsed.success) throw new CorruptRowError('variables', name, parsed.error);
  const r = parsed.data;
  const meta = { name: r.name, createdAt: r.createdAt, updatedAt: r.updatedAt };
  if (!r.secret) {
    if (r.value === null) throw new CorruptRowError('variables', name, new Error('a plain variable without a value'));
    return { ...meta, secret: false, value: r.value };
  }
  if (r.keyId === null || !r.iv || !r.ciphertext || !r.tag) throw new CorruptRowError('variables', name, new Error('a secret variable without its sealed value'));
  return { ...meta, secret: true, sealed: { keyId: r.keyId, iv: r.iv, ciphertext: r.ciphertext, tag: r.tag } };
}

/** The row's columns in insert order: name, secret, value, key_id, iv, ciphertext, tag, created_at, updated_at. */
export function variableRowValues(v: VariableValue & { name: string }): [string, boolean, string | null, string | null, Buffer | null, Buffer | null, Buffer | null] {
  return v.secret ? [v.name, true, null, v.sealed.keyId, v.sealed.iv, v.sealed.ciphertext, v.sealed.tag] : [v.name, false, v.value, null, null, null, null];
}
