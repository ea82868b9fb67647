import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../sqlite/database.js';
import { createCredentialCipher } from '../../credentials/credential-cipher.js';
import { loadSecretKey } from '../../lib/data-dir.js';
import { ident } from './copy-plan.js';

/** Sealed values per table and the key ids that sealed them. */
type SealedCounts = Array<{ table: string; keyId: string; n: number }>;

/** Every table holding sealed values (a `key_id` beside a `ciphertext`): credentials, secret variables, OAuth tokens. */
function sealedValues(db: Db): SealedCounts {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
  const out: SealedCounts = [];
  for (const table of tables) {
    const cols = new Set((db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as Array<{ name: string }>).map((r) => r.name));
    if (!cols.has('key_id') || !cols.has('ciphertext')) continue;
    const rows = db.prepare(`SELECT key_id AS keyId, count(*) AS n FROM ${ident(table)} WHERE ciphertext IS NOT NULL GROUP BY key_id`).all() as Array<{ keyId: string; n: number }>;
    for (const r of rows) out.push({ table, ...r });
  }
  return out;
}

const keyIdOf = (key: Buffer): string => createCredentialCipher(key).keyId;

/**
 * The sealed values are copied as they are, so PostgreSQL mode must open them with its key, which
 * it reads from SWITCHYARD_SECRET_KEY only (it never uses a data dir's key file). Throws a clear
 * error when that key is missing or is not the one that sealed them; returns how many values it
 * will be able to open.
 */
export function checkSealedKeys(db: Db, dataDir: string, envKey: string | undefined): number {
  const keyFile = join(dataDir, 'secret.key');
  const hasFile = existsSync(keyFile);
  if (!envKey) {
    throw new Error(
      hasFile
        ? `SWITCHYARD_SECRET_KEY is not set. PostgreSQL mode reads the credential key only from that variable, and this installation's key is in ${keyFile}: run again with SWITCHYARD_SECRET_KEY="$(cat ${keyFile})" and start every PostgreSQL process with the same value.`
        : 'SWITCHYARD_SECRET_KEY is not set: PostgreSQL mode needs it (the key this SQLite installation was started with; openssl rand -hex 32 for a new one when nothing is encrypted yet).',
    );
  }
  const keyId = keyIdOf(loadSecretKey(dataDir, envKey));
  const sealed = sealedValues(db);
  const foreign = sealed.filter((s) => s.keyId !== keyId);
  if (foreign.length) {
    const where = foreign.map((s) => `${s.table}: ${s.n}`).join(', ');
    const fileOpens = hasFile && foreign.every((s) => s.keyId === keyIdOf(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')));
    const hint = fileOpens ? ` The key in ${keyFile} opens them: set SWITCHYARD_SECRET_KEY="$(cat ${keyFile})".` : ' Set SWITCHYARD_SECRET_KEY to the key this installation runs with.';
    throw new Error(`Sealed values were encrypted with another key than SWITCHYARD_SECRET_KEY (${where}); PostgreSQL mode could not open them.${hint} Nothing was copied.`);
  }
  return sealed.reduce((sum, s) => sum + s.n, 0);
}
