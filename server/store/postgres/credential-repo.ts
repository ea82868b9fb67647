import type { z } from 'zod';
import type { Sql } from './sql.js';
import type { SealedCredential } from '../ports/credentials.js';
import { credentialSchemas, parseRow } from '../ops-rows.js';

const metaColumns = `id, name, type, created_at AS "createdAt", updated_at AS "updatedAt"`;
const columns = `${metaColumns}, key_id AS "keyId", iv, ciphertext, tag`;
const parse = <T>(schema: z.ZodType<T>, raw: unknown): T => parseRow('credentials', schema, raw);
const { meta, sealed } = credentialSchemas;

/** Credentials: rows hold ciphertext only (BYTEA, read back as Buffers); the service seals and opens them. */
export const postgresCredentials = {
  /** By name as SQLite's COLLATE NOCASE orders it: ASCII letters folded (lower() under "C"), then bytewise; then id. */
  list: async (q: Sql) => (await q.rows(`SELECT ${metaColumns} FROM credentials ORDER BY lower(name COLLATE "C"), id`)).map((r) => parse(meta, r)),
  all: async (q: Sql) => (await q.rows(`SELECT ${columns} FROM credentials`)).map((r) => parse(sealed, r)),
  async get(q: Sql, id: string): Promise<SealedCredential | undefined> {
    const raw = await q.one(`SELECT ${columns} FROM credentials WHERE id = $1`, [id]);
    return raw === undefined ? undefined : parse(sealed, raw);
  },
  async insert(q: Sql, c: SealedCredential): Promise<void> {
    const sql = 'INSERT INTO credentials (id, name, type, key_id, iv, ciphertext, tag, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)';
    await q.run(sql, [c.id, c.name, c.type, c.keyId, c.iv, c.ciphertext, c.tag, c.createdAt, c.updatedAt]);
  },
  /** Replaces name, type and sealed data; false when no such credential exists. */
  update: async (q: Sql, c: Omit<SealedCredential, 'createdAt'>) =>
    (await q.run('UPDATE credentials SET name = $2, type = $3, key_id = $4, iv = $5, ciphertext = $6, tag = $7, updated_at = $8 WHERE id = $1', [
      c.id,
      c.name,
      c.type,
      c.keyId,
      c.iv,
      c.ciphertext,
      c.tag,
      c.updatedAt,
    ])) > 0,
  remove: async (q: Sql, id: string) => (await q.run('DELETE FROM credentials WHERE id = $1', [id])) > 0,
};
