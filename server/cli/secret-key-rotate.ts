import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCredentialCipher } from '../credentials/credential-cipher.js';
import { createCredentialRepo } from '../store/sqlite/credential-repo.js';
import { createVariableRepo } from '../store/sqlite/variable-repo.js';
import { variableSealId } from '../variables/variable-service.js';
import { createOAuthRepo } from '../store/sqlite/oauth-repo.js';
import { resealTokens } from '../oauth/sealed-tokens.js';
import type { Db } from '../store/sqlite/database.js';
import { openDatabase } from '../store/sqlite/database.js';
import { createAuditRepo } from '../store/sqlite/audit-repo.js';
import { systemClock } from '../lib/clock.js';
import { loadSecretKey, lockDataDir } from '../lib/data-dir.js';
import { cliActor, createAuditStamp } from '../services/audit-service.js';

/** Reads a key given as 64 hex characters or base64 of 32 bytes; anything else is refused with a hint. */
export function parseSecretKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : /^[A-Za-z0-9+/]{43}=$/.test(t) ? Buffer.from(t, 'base64') : undefined;
  if (!key || key.length !== 32) throw new Error('The new key must be 32 bytes: 64 hex characters (openssl rand -hex 32) or 44 base64 characters.');
  return key;
}

/**
 * Re-encrypts every credential (and every secret variable and OAuth2 token set) from one key to another in ONE
 * transaction: either all of them move to the new key or none does (a credential the old key cannot open aborts the whole
 * rotation, and says which). Credentials already under the new key are left as they are.
 */
export function reencryptCredentials(db: Db, from: Buffer, to: Buffer, onDone?: (count: number) => void): number {
  const repo = createCredentialRepo(db);
  const variables = createVariableRepo(db);
  const oldCipher = createCredentialCipher(from);
  const newCipher = createCredentialCipher(to);
  return db.transaction(() => {
    let count = 0;
    for (const row of repo.all()) {
      if (row.keyId === newCipher.keyId) continue;
      const plain = oldCipher.open(row.id, row);
      repo.update({ id: row.id, name: row.name, type: row.type, ...newCipher.seal(row.id, plain), updatedAt: row.updatedAt });
      plain.fill(0);
      count++;
    }
    for (const v of variables.list()) {
      if (!v.secret || v.sealed.keyId === newCipher.keyId) continue;
      const plain = oldCipher.open(variableSealId(v.name), v.sealed);
      variables.update({ name: v.name, secret: true, sealed: newCipher.seal(variableSealId(v.name), plain), updatedAt: v.updatedAt });
      plain.fill(0);
      count++;
    }
    const tokens = createOAuthRepo(db);
    for (const conn of tokens.connections()) {
      const row = tokens.getTokens(conn.credentialId);
      if (row && row.keyId !== newCipher.keyId) tokens.putTokens(resealTokens(row, oldCipher, newCipher), row.generation);
    }
    onDone?.(count);
    return count;
  })();
}

/**
 * `switchyard secret-key rotate --new KEY`: with the server stopped (the data dir lock says
 * so), re-encrypts every credential and, when the key lives in DATA_DIR/secret.key, replaces
 * that file (written beside it first, renamed after the commit). A key from
 * SWITCHYARD_SECRET_KEY must then be changed in the environment by the operator.
 */
export async function rotateSecretKey(o: { dataDir: string; dbFile: string; envKey?: string; newKey: string }): Promise<{ count: number; keyFile: string | null }> {
  const next = parseSecretKey(o.newKey);
  const unlock = lockDataDir(o.dataDir);
  const db = openDatabase(o.dbFile);
  try {
    const current = loadSecretKey(o.dataDir, o.envKey);
    if (current.equals(next)) throw new Error('The new key is the same as the current one.');
    const keyFile = o.envKey ? null : join(o.dataDir, 'secret.key');
    const staged = keyFile ? `${keyFile}.next` : null;
    if (staged) writeFileSync(staged, next.toString('base64'), { mode: 0o600 });
    // Written with the re-encryption, inside its transaction (synchronous), so both commit or neither.
    const stamp = createAuditStamp(systemClock);
    const log = createAuditRepo(db);
    let count = 0;
    try {
      count = reencryptCredentials(db, current, next, (n) => {
        log.insert(stamp({ actor: cliActor, action: 'secret_key.rotate', target: { type: 'secret_key', id: null, name: null }, after: { credentials: n } }));
      });
    } catch (err) {
      if (staged && existsSync(staged)) rmSync(staged);
      throw err;
    }
    if (staged && keyFile) renameSync(staged, keyFile);
    return { count, keyFile };
  } finally {
    db.close();
    unlock();
  }
}
