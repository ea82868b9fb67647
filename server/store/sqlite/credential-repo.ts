import type { z } from 'zod';
import type { CredentialMeta, SealedCredential } from '../ports/credentials.js';
import type { Db } from './database.js';
import { credentialSchemas, parseRow } from '../ops-rows.js';

/** The port's records (ports/credentials.ts), under the names this repository has always used. */
export type CredentialMetaRow = CredentialMeta;
export type CredentialRow = SealedCredential;

const metaColumns = 'id, name, type, created_at AS createdAt, updated_at AS updatedAt';
const columns = `${metaColumns}, key_id AS keyId, iv, ciphertext, tag`;

const parse = <T>(schema: z.ZodType<T>, raw: unknown): T => parseRow('credentials', schema, raw);
const { meta: metaSchema, sealed: rowSchema } = credentialSchemas;

/** Credentials table: rows hold ciphertext only; the service encrypts and decrypts. */
export function createCredentialRepo(db: Db) {
  const s = {
    list: db.prepare(`SELECT ${metaColumns} FROM credentials ORDER BY name COLLATE NOCASE, id`),
    all: db.prepare(`SELECT ${columns} FROM credentials`),
    get: db.prepare(`SELECT ${columns} FROM credentials WHERE id = ?`),
    insert: db.prepare(
      `INSERT INTO credentials (id, name, type, key_id, iv, ciphertext, tag, created_at, updated_at)
       VALUES (@id, @name, @type, @keyId, @iv, @ciphertext, @tag, @createdAt, @updatedAt)`,
    ),
    update: db.prepare(
      `UPDATE credentials SET name = @name, type = @type, key_id = @keyId, iv = @iv, ciphertext = @ciphertext, tag = @tag, updated_at = @updatedAt
       WHERE id = @id`,
    ),
    remove: db.prepare('DELETE FROM credentials WHERE id = ?'),
  };
  return {
    /** Every credential's metadata, by name. */
    list: (): CredentialMetaRow[] => s.list.all().map((r) => parse(metaSchema, r)),
    /** Every credential with its sealed data (for redaction). */
    all: (): CredentialRow[] => s.all.all().map((r) => parse(rowSchema, r)),
    get(id: string): CredentialRow | undefined {
      const raw = s.get.get(id);
      return raw === undefined ? undefined : parse(rowSchema, raw);
    },
    insert(row: CredentialRow): void {
      s.insert.run(row);
    },
    /** Replaces name, type and sealed data; false when no such credential exists. */
    update: (row: Omit<CredentialRow, 'createdAt'>): boolean => s.update.run(row).changes > 0,
    remove: (id: string): boolean => s.remove.run(id).changes > 0,
  };
}
export type CredentialRepo = ReturnType<typeof createCredentialRepo>;
