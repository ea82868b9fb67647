import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { credentialTypeIds, credentialTypes, type CredentialType } from '../../shared/credentials/credential-types.js';
import { lazySchema } from '../../shared/lazy-schema.js';

/** Largest credential data accepted, as JSON text: a certificate fits, a database dump does not. */
export const MAX_DATA_BYTES = 64 * 1024;

const name = lazySchema(() => z.string().trim().min(1, 'Give the credential a name.').max(200, 'A name has at most 200 characters.'));
const type = lazySchema(() => z.enum(credentialTypeIds, { error: `type must be one of: ${credentialTypeIds.join(', ')}.` }));

export const createInputSchema = lazySchema(() => z.strictObject({ name, type, data: z.record(z.string(), z.unknown()) }));
export type CreateInput = z.infer<typeof createInputSchema>;

/**
 * A change. `data` merges over the stored data (a field set to null is removed) unless `type`
 * changes, when it replaces it. `rotate` (webhook-secret only) keeps the old secret as
 * `previousSecret`, so senders that still sign with it are accepted during the switch.
 */
export const updateInputSchema = lazySchema(() =>
  z.strictObject({
    name: name.optional(),
    type: type.optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    rotate: z.boolean().optional(),
  }),
);
export type UpdateInput = z.infer<typeof updateInputSchema>;

interface Issue {
  path: string;
  message: string;
}

/** Messages name fields only: zod's messages here never quote the rejected value, and must not. */
function fail(what: string, issues: Issue[]): never {
  const first = issues[0];
  throw new AppError('BAD_REQUEST', 400, `The ${what} is not valid${first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : '.'}`, { issues });
}

/** Parses a request body against a schema, or throws a 400 listing each problem. */
export function parseRequest<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    fail(
      'request body',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  return parsed.data;
}

/** Checks data against its type's schema (defaults applied), or throws a 400 pointing at `data.<field>`. */
export function parseData(t: CredentialType, data: unknown): Record<string, unknown> {
  if (Buffer.byteLength(JSON.stringify(data) ?? '', 'utf8') > MAX_DATA_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', 413, `Credential data is larger than ${MAX_DATA_BYTES / 1024} KB.`);
  }
  const parsed = credentialTypes[t].schema.safeParse(data);
  if (!parsed.success) {
    fail(
      `data for a ${t} credential`,
      parsed.error.issues.map((i) => ({ path: ['data', ...i.path].join('.'), message: i.message })),
    );
  }
  return parsed.data as Record<string, unknown>;
}
