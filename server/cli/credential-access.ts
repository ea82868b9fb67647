import type { Config } from '../config.js';
import { openDatabase } from '../store/sqlite/database.js';
import { createCommitQueue } from '../store/sqlite/commit-queue.js';
import { createSqliteStore } from '../store/sqlite/create-sqlite-store.js';
import { systemClock } from '../lib/clock.js';
import { loadSecretKey } from '../lib/data-dir.js';
import { createCredentialCipher } from '../credentials/credential-cipher.js';
import { createCredentialService } from '../credentials/credential-service.js';

/** The credential service over the data dir's database and secret key, for CLI commands; `close` when done. */
export function credentialServiceFor(config: Config) {
  const db = openDatabase(config.dbFile);
  const service = createCredentialService({ store: createSqliteStore(db, createCommitQueue(db)), cipher: createCredentialCipher(loadSecretKey(config.dataDir, config.secretKey)), clock: systemClock });
  return { service, close: () => db.close() };
}
