import type { Logger } from 'pino';
import { oauth2ClientOf, type OAuth2Client } from '../../shared/credentials/oauth2-credential.js';
import type { StepError } from '../../shared/runs/run-status.js';
import type { CredentialCipher } from '../credentials/credential-cipher.js';
import type { Clock } from '../lib/clock.js';
import type { OAuthConnection, SealedOAuthTokens } from '../store/ports/oauth.js';
import type { Store } from '../store/ports/store.js';
import type { CredentialOf } from '../credentials/resolve-credential.js';
import { OAuthRequestError, type OAuthProtocol, type TokenSet } from './oauth-protocol.js';
import { openTokens, sealTokens, type OpenTokens } from './sealed-tokens.js';
import { createSingleFlight } from './single-flight.js';

export interface OAuthTokenDeps {
  store: Pick<Store, 'oauth'>;
  cipher: CredentialCipher;
  protocol: OAuthProtocol;
  clock: Clock;
  logger: Logger;
  /** This process, as the holder of refresh claims. */
  owner: string;
  /** Refresh when the access token expires within this long. */
  refreshAheadMs: number;
  /** How long a refresh claim holds; a process that died mid-refresh blocks others no longer. */
  claimMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/** An access token for a step, or a step error that names the credential (never a token). */
export type TokenAnswer = { ok: true; accessToken: string; client: OAuth2Client } | { ok: false; error: StepError };

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * OAuth2 tokens for steps: read sealed from the store, refreshed ahead of expiry or after the
 * target refused them, rotated atomically (a new refresh token replaces the old one in the same
 * write). One refresh per credential at a time: a single flight in this process, and a claim in
 * the store across processes; a writer stores only over the generation it read. A grant the
 * provider refuses for good marks the credential "reconnect needed" and fails the step without retry.
 */
export function createOAuthTokens(deps: OAuthTokenDeps) {
  const flight = createSingleFlight<TokenAnswer>();
  const sleep = deps.sleep ?? defaultSleep;
  // Every token value this process has seen, for redaction of run records (process-local, refilled by load()).
  const known = new Set<string>();
  const listeners = new Set<() => void>();
  const remember = (t: Pick<OpenTokens, 'accessToken' | 'refreshToken'>) => {
    const before = known.size;
    known.add(t.accessToken);
    if (t.refreshToken) known.add(t.refreshToken);
    if (known.size !== before) for (const l of listeners) l();
  };
  const open = (row: SealedOAuthTokens): OpenTokens => {
    const t = openTokens(deps.cipher, row);
    remember(t);
    return t;
  };

  const named = (c: CredentialOf<'oauth2'>) => `Credential "${c.name}"`;
  const reconnect = (c: CredentialOf<'oauth2'>, problem: string | null): TokenAnswer => ({
    ok: false,
    error: {
      code: 'oauth_reconnect_needed',
      retryable: false,
      message: `${named(c)} needs to be reconnected${problem ? `: ${problem}` : '.'} Open it in Settings and click Reconnect, then replay the run.`,
    },
  });
  const unavailable = (c: CredentialOf<'oauth2'>, why: string): TokenAnswer => ({
    ok: false,
    error: { code: 'oauth_refresh_failed', retryable: true, message: `${named(c)} could not get a fresh access token: ${why} Retrying on the schedule.` },
  });
  const fresh = (row: SealedOAuthTokens, rejected: string | undefined, t: OpenTokens) =>
    (row.expiresAt === null || row.expiresAt - deps.refreshAheadMs > deps.clock.now()) && t.accessToken !== rejected;

  /** Asks the provider for new tokens (refresh, or client credentials) and stores them over `row`'s generation. */
  async function renew(c: CredentialOf<'oauth2'>, client: OAuth2Client, row: SealedOAuthTokens | undefined, current: OpenTokens | undefined): Promise<TokenAnswer> {
    let next: TokenSet;
    try {
      if (client.grantType === 'clientCredentials') next = await deps.protocol.clientCredentials(client);
      else if (current?.refreshToken) next = await deps.protocol.refresh(client, current.refreshToken);
      else throw new OAuthRequestError('revoked', 'the access token expired and the provider gave no refresh token.');
    } catch (e) {
      const err = e instanceof OAuthRequestError ? e : new OAuthRequestError('unavailable', 'the token request failed unexpectedly.');
      if (row) await deps.store.oauth.releaseRefresh(c.id, deps.owner);
      deps.logger.warn({ credentialId: c.id, kind: err.kind, providerError: err.providerError }, 'oauth token request failed');
      if (err.kind === 'unavailable') return unavailable(c, err.message);
      if (row && client.grantType === 'authorizationCode') await deps.store.oauth.markReconnectNeeded(c.id, row.generation, err.message, deps.clock.now());
      return client.grantType === 'authorizationCode'
        ? reconnect(c, err.message)
        : { ok: false, error: { code: 'oauth_client_refused', retryable: false, message: `${named(c)}: ${err.message} Check its client ID and secret.` } };
    }
    // Rotation: a provider that sends no new refresh token keeps the old one working.
    const kept: TokenSet = { ...next, ...((next.refreshToken ?? current?.refreshToken) ? { refreshToken: next.refreshToken ?? current?.refreshToken } : {}) };
    remember(kept);
    const stored = await deps.store.oauth.putTokens(sealTokens(deps.cipher, c.id, kept, deps.clock.now(), next.account ?? row?.account ?? null), row ? row.generation : null);
    if (!stored) deps.logger.warn({ credentialId: c.id }, 'oauth tokens changed while refreshing; the newer ones stand');
    deps.logger.info({ credentialId: c.id, grant: client.grantType }, 'oauth tokens renewed');
    return { ok: true, accessToken: kept.accessToken, client };
  }

  /** Renews under the store's claim; another process holding it is waited for, and its tokens used. */
  async function renewClaimed(c: CredentialOf<'oauth2'>, client: OAuth2Client, rejected: string | undefined): Promise<TokenAnswer> {
    const deadline = deps.clock.now() + deps.claimMs;
    for (;;) {
      const row = await deps.store.oauth.getTokens(c.id);
      if (!row) return client.grantType === 'clientCredentials' ? renew(c, client, undefined, undefined) : notConnected(c);
      if (row.status === 'reconnect_needed') return reconnect(c, row.problem);
      const current = open(row);
      if (fresh(row, rejected, current)) return { ok: true, accessToken: current.accessToken, client };
      const now = deps.clock.now();
      if (await deps.store.oauth.claimRefresh(c.id, row.generation, deps.owner, now, now + deps.claimMs)) return renew(c, client, row, current);
      if (now > deadline) return unavailable(c, 'another process has been refreshing its tokens for too long.');
      await sleep(100);
    }
  }

  const notConnected = (c: CredentialOf<'oauth2'>): TokenAnswer => ({
    ok: false,
    error: { code: 'oauth_not_connected', retryable: false, message: `${named(c)} is not connected yet: open it in Settings and click Connect, then replay the run.` },
  });

  return {
    /**
     * A usable access token for the credential. `rejected`: the token the target just refused
     * with 401; a different stored one is used as it is, the same one is refreshed.
     */
    async accessToken(c: CredentialOf<'oauth2'>, opts: { rejected?: string } = {}): Promise<TokenAnswer> {
      const client = oauth2ClientOf(c.data);
      let row: SealedOAuthTokens | undefined;
      let current: OpenTokens | undefined;
      try {
        row = await deps.store.oauth.getTokens(c.id);
        current = row && open(row);
      } catch {
        return {
          ok: false,
          error: { code: 'credential_unreadable', retryable: false, message: `${named(c)}'s tokens cannot be opened (the secret key changed). Reconnect it in Settings.` },
        };
      }
      if (row?.status === 'reconnect_needed') return reconnect(c, row.problem);
      if (!row && client.grantType === 'authorizationCode') return notConnected(c);
      if (row && current && fresh(row, opts.rejected, current)) return { ok: true, accessToken: current.accessToken, client };
      return flight(c.id, () => renewClaimed(c, client, opts.rejected));
    },

    /** Stores the tokens of a finished connect flow: a new generation whatever was there, status connected. */
    async connect(credentialId: string, tokens: TokenSet): Promise<void> {
      remember(tokens);
      await deps.store.oauth.putTokens(sealTokens(deps.cipher, credentialId, tokens, deps.clock.now(), tokens.account ?? null), null);
    },

    disconnect: (credentialId: string) => deps.store.oauth.removeTokens(credentialId),
    connection: async (credentialId: string): Promise<OAuthConnection | undefined> => {
      const row = await deps.store.oauth.getTokens(credentialId);
      return row && { credentialId: row.credentialId, generation: row.generation, status: row.status, account: row.account, expiresAt: row.expiresAt, problem: row.problem, updatedAt: row.updatedAt };
    },
    connections: () => deps.store.oauth.connections(),

    /** Reads every stored token once, so redaction knows them before the first step runs. */
    async load(): Promise<void> {
      for (const conn of await deps.store.oauth.connections()) {
        const row = await deps.store.oauth.getTokens(conn.credentialId);
        try {
          if (row) open(row);
        } catch {
          // Unreadable with this key: no step can use them either, and the credential says so when one tries.
        }
      }
    },
    secretValues: (): readonly string[] => [...known],
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type OAuthTokens = ReturnType<typeof createOAuthTokens>;
