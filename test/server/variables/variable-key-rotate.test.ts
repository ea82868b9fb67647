import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCredentialCipher } from '../../../server/credentials/credential-cipher.js';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { createSqliteStore } from '../../../server/store/sqlite/create-sqlite-store.js';
import { openDatabase } from '../../../server/store/sqlite/database.js';
import { loadSecretKey } from '../../../server/lib/data-dir.js';
import { systemClock } from '../../../server/lib/clock.js';
import { rotateSecretKey } from '../../../server/cli/secret-key-rotate.js';
import { createVariableService } from '../../../server/variables/variable-service.js';
import { tempDir } from '../../support/temp-dir.js';

const dirs: Array<{ cleanup: () => void }> = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.cleanup();
});

const withVariables = async <T>(dbFile: string, key: Buffer, work: (s: ReturnType<typeof createVariableService>) => Promise<T>): Promise<T> => {
  const db = openDatabase(dbFile);
  try {
    return await work(createVariableService({ store: createSqliteStore(db, createCommitQueue(db)), cipher: createCredentialCipher(key), clock: systemClock }));
  } finally {
    db.close();
  }
};

describe('secret variables and the secret key', () => {
  it('are re-sealed by secret-key rotate, and read as missing under another key', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const dbFile = join(dir.path, 'switchyard.db');
    const key = loadSecretKey(dir.path, undefined);
    await withVariables(dbFile, key, async (s) => {
      await s.create({ name: 'TOKEN', value: 'secret-token-value-1', secret: true });
      await s.create({ name: 'PLAIN', value: 'plain value' });
    });
    const next = randomBytes(32);
    const done = await rotateSecretKey({ dataDir: dir.path, dbFile, newKey: next.toString('hex') });
    expect(done.count).toBe(1);
    expect(await withVariables(dbFile, next, (s) => s.values())).toEqual({ PLAIN: 'plain value', TOKEN: 'secret-token-value-1' });
    expect(await withVariables(dbFile, key, (s) => s.values())).toEqual({ PLAIN: 'plain value' });
  });
});
