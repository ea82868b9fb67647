import { createCredentialCipher } from '../credentials/credential-cipher.js';
import { variableSealId } from '../variables/variable-service.js';
import { resealTokens } from '../oauth/sealed-tokens.js';
import type { Store } from '../store/ports/store.js';
import type { Config } from '../config.js';
import { openConfiguredStore } from '../scale/open-store.js';
import { systemClock } from '../lib/clock.js';
import { loadSecretKey } from '../lib/data-dir.js';
import { cliActor, createAuditStamp } from '../services/audit-service.js';
import { silentLogger } from './with-store.js';
import { parseSecretKey } from './secret-key-rotate.js';

/**
 * Re-encrypts every credential, secret variable and OAuth2 token set from one key to another
 * through the store's ports, in ONE unit of work with its audit entry: all of it moves to the
 * new key or none does (a value the old key cannot open aborts the whole rotation). Values
 * already under the new key are left as they are. Returns how many credentials and variables moved.
 */
export async function reencryptInStore(store: Store, from: Buffer, to: Buffer): Promise<number> {
  const oldCipher = createCredentialCipher(from);
  const newCipher = createCredentialCipher(to);
  const stamp = createAuditStamp(systemClock);
  return store.write(async (tx) => {
    let count = 0;
    for (const row of await tx.credentials.all()) {
      if (row.keyId === newCipher.keyId) continue;
      const plain = oldCipher.open(row.id, row);
      await tx.credentials.update({ id: row.id, name: row.name, type: row.type, ...newCipher.seal(row.id, plain), updatedAt: row.updatedAt });
      plain.fill(0);
      count++;
    }
    for (const v of await tx.variables.list()) {
      if (!v.secret || v.sealed.keyId === newCipher.keyId) continue;
      const plain = oldCipher.open(variableSealId(v.name), v.sealed);
      await tx.variables.update({ name: v.name, secret: true, sealed: newCipher.seal(variableSealId(v.name), plain), updatedAt: v.updatedAt });
      plain.fill(0);
      count++;
    }
    for (const conn of await tx.oauth.connections()) {
      const row = await tx.oauth.getTokens(conn.credentialId);
      if (!row || row.keyId === newCipher.keyId) continue;
      // A refresh that committed in between changed the generation: start over rather than lose its tokens.
      if (!(await tx.oauth.putTokens(resealTokens(row, oldCipher, newCipher), row.generation)))
        throw new Error(`The OAuth2 tokens of credential ${conn.credentialId} changed during the rotation; nothing was changed, run it again.`);
    }
    await tx.audit.append(stamp({ actor: cliActor, action: 'secret_key.rotate', target: { type: 'secret_key', id: null, name: null }, after: { credentials: count } }));
    return count;
  });
}

/**
 * `switchyard secret-key rotate --new KEY` with DATABASE_URL: the key is SWITCHYARD_SECRET_KEY
 * (there is no key file to replace), so the operator sets the new one in every process's
 * environment afterwards. Stop every process first: one still running holds the old key.
 */
export async function rotateSecretKeyInDatabase(config: Config, newKey: string): Promise<{ count: number }> {
  const next = parseSecretKey(newKey);
  if (!config.secretKey) throw new Error('With DATABASE_URL the key comes from SWITCHYARD_SECRET_KEY: set it to the current key to rotate it.');
  const current = loadSecretKey(config.dataDir, config.secretKey);
  if (current.equals(next)) throw new Error('The new key is the same as the current one.');
  const opened = await openConfiguredStore(config, { logger: silentLogger, databaseClock: true });
  try {
    return { count: await reencryptInStore(opened.store, current, next) };
  } finally {
    await opened.close();
  }
}
