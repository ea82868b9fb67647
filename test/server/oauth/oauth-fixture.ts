// The OAuth2 parts of the server over a real SQLite file and a real oidc-provider on 127.0.0.1.
import { pino } from 'pino';
import { randomBytes } from 'node:crypto';
import { createCredentialCipher } from '../../../server/credentials/credential-cipher.js';
import { createCredentialService } from '../../../server/credentials/credential-service.js';
import type { CredentialOf } from '../../../server/credentials/resolve-credential.js';
import { createManualClock } from '../../../server/lib/clock.js';
import { createConnectFlow } from '../../../server/oauth/connect-flow.js';
import { createOAuthProtocol } from '../../../server/oauth/oauth-protocol.js';
import { createOAuthTokens } from '../../../server/oauth/oauth-tokens.js';
import { openDatabase } from '../../../server/store/sqlite/database.js';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { createSqliteStore } from '../../../server/store/sqlite/create-sqlite-store.js';
import { consentOverHttp, oauth2DataFor, startOidcServer, type OidcServer } from '../../support/oidc-server.js';
import { tempDir } from '../../support/temp-dir.js';

export const PUBLIC_URL = 'http://127.0.0.1:9';

export async function oauthFixture(opts: { timeoutMs?: number } = {}) {
  const oidc: OidcServer = await startOidcServer({ redirectUri: `${PUBLIC_URL}/oauth/callback` });
  const dir = tempDir();
  const db = openDatabase(`${dir.path}/oauth.db`);
  const store = createSqliteStore(db, createCommitQueue(db));
  const clock = createManualClock(Date.now());
  const secretKey = randomBytes(32);
  const cipher = createCredentialCipher(secretKey);
  const credentials = createCredentialService({ store, cipher, clock });
  await credentials.load();
  const protocol = createOAuthProtocol({ timeoutMs: opts.timeoutMs ?? 2_000, now: () => clock.now() });
  const logger = pino({ level: 'silent' });
  /** One process's token service; a second one over the same store stands for another process. */
  const tokensFor = (owner: string, withCipher = cipher) => createOAuthTokens({ store, cipher: withCipher, protocol, clock, logger, owner, refreshAheadMs: 60_000, claimMs: 5_000 });
  const tokens = tokensFor('proc_a');
  const flow = createConnectFlow({ store, credentials, tokens, protocol, clock, publicUrl: PUBLIC_URL, stateTtlMs: 600_000 });

  async function credential(data: Record<string, unknown> = {}): Promise<CredentialOf<'oauth2'>> {
    const view = await credentials.create({
      name: 'Test provider',
      type: 'oauth2',
      data: oauth2DataFor(oidc, data),
    });
    return (await credentials.read(view.id)) as CredentialOf<'oauth2'>;
  }

  /** Connects a credential through the real consent, as user `usr_ana`. */
  async function connected(data: Record<string, unknown> = {}): Promise<CredentialOf<'oauth2'>> {
    const c = await credential(data);
    const started = await flow.start(c.id, 'usr_ana');
    if (!('authorizationUrl' in started)) throw new Error('expected a consent URL');
    const back = await consentOverHttp(started.authorizationUrl);
    const result = await flow.finish(back.searchParams, 'usr_ana');
    if (!result.ok) throw new Error(result.message);
    return c;
  }

  return {
    oidc,
    db,
    secretKey,
    store,
    clock,
    cipher,
    credentials,
    protocol,
    tokens,
    tokensFor,
    flow,
    credential,
    connected,
    async close() {
      await oidc.close();
      db.close();
      dir.cleanup();
    },
  };
}
