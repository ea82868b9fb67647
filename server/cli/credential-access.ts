import type { Config } from '../config.js';
import { systemClock } from '../lib/clock.js';
import { loadSecretKey } from '../lib/data-dir.js';
import { createCredentialCipher } from '../credentials/credential-cipher.js';
import { createCredentialService } from '../credentials/credential-service.js';
import { silentLogger } from './with-store.js';
import { openConfiguredStore } from '../scale/open-store.js';

/** The credential service over the configured store (SQLite in the data dir, or DATABASE_URL) and the secret key, for CLI commands; `close` when done. */
export async function credentialServiceFor(config: Config) {
  const opened = await openConfiguredStore(config, { logger: silentLogger, databaseClock: true });
  const service = createCredentialService({ store: opened.store, cipher: createCredentialCipher(loadSecretKey(config.dataDir, config.secretKey)), clock: systemClock });
  return { service, close: () => opened.close() };
}
