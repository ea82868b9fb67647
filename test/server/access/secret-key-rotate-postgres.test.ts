import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialCipher } from '../../../server/credentials/credential-cipher.js';
import { createCredentialService } from '../../../server/credentials/credential-service.js';
import { openPostgresStore } from '../../../server/store/postgres/open-postgres-store.js';
import { variableSealId } from '../../../server/variables/variable-service.js';
import { loadConfig } from '../../../server/config.js';
import { systemClock } from '../../../server/lib/clock.js';
import { rotateSecretKeyInDatabase } from '../../../server/cli/secret-key-rotate-store.js';
import { freshPostgresDatabase } from '../../support/postgres.js';
import { tempDir } from '../../support/temp-dir.js';

// `switchyard secret-key rotate` with DATABASE_URL, on a real PostgreSQL database of its own.
let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
const dir = tempDir();
beforeAll(async () => {
  db = await freshPostgresDatabase();
});
afterAll(async () => {
  await db.drop();
  dir.cleanup();
});

const configWith = (key: Buffer) => loadConfig({ ...process.env, DATABASE_URL: db.url, SWITCHYARD_SECRET_KEY: key.toString('hex'), DATA_DIR: dir.path });

/** Every credential's data and the secret variable's value, opened with `key`. */
async function readAll(key: Buffer) {
  const { store, close } = await openPostgresStore(db.url);
  try {
    const cipher = createCredentialCipher(key);
    const service = createCredentialService({ store, cipher, clock: systemClock });
    const credentials = await Promise.all((await service.list()).map(async (c) => (await service.read(c.id))?.data));
    const v = await store.variables.get('TOKEN');
    const variable = v?.secret ? cipher.open(variableSealId(v.name), v.sealed).toString('utf8') : undefined;
    const audit = (await store.audit.query({ limit: 10 })).filter((e) => e.action === 'secret_key.rotate').map((e) => e.after);
    return { credentials, variable, audit };
  } finally {
    await close();
  }
}

describe('switchyard secret-key rotate on PostgreSQL', () => {
  it('re-encrypts credentials and secret variables with the new key in one transaction, audits it, and changes nothing under a wrong current key', async () => {
    const first = randomBytes(32);
    const { store, close } = await openPostgresStore(db.url);
    try {
      const service = createCredentialService({ store, cipher: createCredentialCipher(first), clock: systemClock });
      await service.create({ name: 'a', type: 'webhook-secret', data: { secret: 'whsec_first-secret-value' } });
      await service.create({ name: 'b', type: 'basic', data: { username: 'u', password: 'second secret value' } });
      const sealed = createCredentialCipher(first).seal(variableSealId('TOKEN'), Buffer.from('variable secret'));
      await store.variables.insert({ name: 'TOKEN', secret: true, sealed, createdAt: 1, updatedAt: 1 });
    } finally {
      await close();
    }
    const before = await readAll(first);
    expect(before.variable).toBe('variable secret');

    const next = randomBytes(32);
    expect(await rotateSecretKeyInDatabase(configWith(first), next.toString('hex'))).toEqual({ count: 3 });
    const after = await readAll(next);
    expect(after.credentials).toEqual(before.credentials);
    expect(after.variable).toBe('variable secret');
    expect(after.audit).toEqual([{ credentials: 3 }]);
    await expect(readAll(first)).rejects.toThrow(/different SWITCHYARD_SECRET_KEY/);

    // The current key given is not the one the values are under: nothing moves, nothing is audited.
    await expect(rotateSecretKeyInDatabase(configWith(randomBytes(32)), randomBytes(32).toString('hex'))).rejects.toThrow(/different SWITCHYARD_SECRET_KEY/);
    expect(await readAll(next)).toEqual(after);
    await expect(rotateSecretKeyInDatabase(configWith(next), next.toString('hex'))).rejects.toThrow(/same as the current one/);
  });
});
