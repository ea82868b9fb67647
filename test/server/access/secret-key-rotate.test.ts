import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCredentialCipher } from '../../../server/credentials/credential-cipher.js';
import { createCredentialService } from '../../../server/credentials/credential-service.js';
import { createCredentialRepo } from '../../../server/store/sqlite/credential-repo.js';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { createSqliteStore } from '../../../server/store/sqlite/create-sqlite-store.js';
import { openDatabase } from '../../../server/store/sqlite/database.js';
import { loadSecretKey } from '../../../server/lib/data-dir.js';
import { systemClock } from '../../../server/lib/clock.js';
import { parseSecretKey, rotateSecretKey } from '../../../server/cli/secret-key-rotate.js';
import { tempDir } from '../../support/temp-dir.js';

const dirs: Array<{ cleanup: () => void }> = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.cleanup();
});

/** A data dir with a generated secret.key and three stored credentials. */
async function seeded() {
  const dir = tempDir();
  dirs.push(dir);
  const dbFile = join(dir.path, 'switchyard.db');
  const key = loadSecretKey(dir.path, undefined);
  const db = openDatabase(dbFile);
  const service = createCredentialService({ store: createSqliteStore(db, createCommitQueue(db)), cipher: createCredentialCipher(key), clock: systemClock });
  const ids = [
    (await service.create({ name: 'a', type: 'webhook-secret', data: { secret: 'whsec_first-secret-value' } })).id,
    (await service.create({ name: 'b', type: 'basic', data: { username: 'u', password: 'second secret value' } })).id,
    (await service.create({ name: 'c', type: 'header', data: { value: 'Bearer third secret value' } })).id,
  ];
  db.close();
  return { dir: dir.path, dbFile, key, ids };
}

const readAll = async (dbFile: string, key: Buffer) => {
  const db = openDatabase(dbFile);
  try {
    const service = createCredentialService({ store: createSqliteStore(db, createCommitQueue(db)), cipher: createCredentialCipher(key), clock: systemClock });
    return await Promise.all((await service.list()).map(async (c) => (await service.read(c.id))?.data));
  } finally {
    db.close();
  }
};

describe('switchyard secret-key rotate', () => {
  it('re-encrypts every credential with the new key, replaces secret.key, and audits it', async () => {
    const s = await seeded();
    const before = await readAll(s.dbFile, s.key);
    const next = randomBytes(32);
    const done = await rotateSecretKey({ dataDir: s.dir, dbFile: s.dbFile, newKey: next.toString('hex') });
    expect(done.count).toBe(3);
    expect(readFileSync(join(s.dir, 'secret.key'), 'utf8')).toBe(next.toString('base64'));
    expect(existsSync(join(s.dir, 'secret.key.next'))).toBe(false);
    expect(await readAll(s.dbFile, next)).toEqual(before);
    await expect(readAll(s.dbFile, s.key)).rejects.toThrow(/different SWITCHYARD_SECRET_KEY/);
    const db = openDatabase(s.dbFile);
    const entry = db.prepare("SELECT actor_kind, after FROM audit_log WHERE action = 'secret_key.rotate'").get();
    db.close();
    expect(entry).toEqual({ actor_kind: 'cli', after: JSON.stringify({ credentials: 3 }) });
  });

  it('changes nothing when one credential cannot be opened with the current key', async () => {
    const s = await seeded();
    const db = openDatabase(s.dbFile);
    const repo = createCredentialRepo(db);
    const stray = repo.get(s.ids[1] ?? '');
    if (!stray) throw new Error('seed missing');
    repo.update({ ...stray, ...createCredentialCipher(randomBytes(32)).seal(stray.id, Buffer.from('{"username":"u","password":"p"}')) });
    const keyIds = () => (db.prepare('SELECT key_id FROM credentials ORDER BY id').all() as Array<{ key_id: string }>).map((r) => r.key_id);
    const rowsBefore = keyIds();
    db.close();
    await expect(rotateSecretKey({ dataDir: s.dir, dbFile: s.dbFile, newKey: randomBytes(32).toString('hex') })).rejects.toThrow(/different SWITCHYARD_SECRET_KEY/);
    const again = openDatabase(s.dbFile);
    expect((again.prepare('SELECT key_id FROM credentials ORDER BY id').all() as Array<{ key_id: string }>).map((r) => r.key_id)).toEqual(rowsBefore);
    again.close();
    expect(readFileSync(join(s.dir, 'secret.key'), 'utf8').trim()).toBe(s.key.toString('base64'));
    expect(existsSync(join(s.dir, 'secret.key.next'))).toBe(false);
  });

  it('with the key in SWITCHYARD_SECRET_KEY, leaves files alone for the operator to change the variable', async () => {
    const s = await seeded();
    const next = randomBytes(32);
    const done = await rotateSecretKey({ dataDir: s.dir, dbFile: s.dbFile, envKey: s.key.toString('hex'), newKey: next.toString('base64') });
    expect(done).toEqual({ count: 3, keyFile: null });
    expect(readFileSync(join(s.dir, 'secret.key'), 'utf8').trim()).toBe(s.key.toString('base64'));
    expect(await readAll(s.dbFile, next)).toHaveLength(3);
  });

  it('refuses while a server holds the data dir, and refuses malformed keys', async () => {
    const s = await seeded();
    writeFileSync(join(s.dir, 'server.pid'), String(process.ppid));
    await expect(rotateSecretKey({ dataDir: s.dir, dbFile: s.dbFile, newKey: randomBytes(32).toString('hex') })).rejects.toThrow(/Stop it first/);
    expect(() => parseSecretKey('short')).toThrow(/32 bytes/);
    expect(() => parseSecretKey('zz'.repeat(32))).toThrow(/32 bytes/);
  });
});
