import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import { oauth2ClientOf } from '../../shared/credentials/oauth2-credential.js';
import type { CredentialService } from '../credentials/credential-service.js';
import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/ports/store.js';
import { OAuthRequestError, type OAuthProtocol } from './oauth-protocol.js';
import type { OAuthTokens } from './oauth-tokens.js';

export interface ConnectFlowDeps {
  store: Pick<Store, 'oauth'>;
  credentials: Pick<CredentialService, 'read'>;
  tokens: Pick<OAuthTokens, 'connect'>;
  protocol: OAuthProtocol;
  clock: Clock;
  publicUrl: string;
  stateTtlMs: number;
}

/** What the callback page tells the person (and the editor window that opened it). */
export type CallbackResult = { ok: true; credentialId: string; name: string; account: string | null } | { ok: false; credentialId?: string; message: string };

/** The path the provider sends the person back to; register `PUBLIC_URL` + this with the provider. */
export const CALLBACK_PATH = '/oauth/callback';

const hash = (state: string) => createHash('sha256').update(state, 'utf8').digest('hex');

/** Provider error codes in words a person can act on (RFC 6749 4.1.2.1). */
const providerWords: Record<string, string> = {
  access_denied: 'Access was declined at the provider, so nothing was connected.',
  invalid_scope: "The provider does not accept the scopes asked for; check the credential's scopes.",
  unauthorized_client: "The provider does not let this app use this kind of sign-in; check the app's settings there.",
  invalid_request: 'The provider found the request malformed; check the client ID, redirect URL and extra parameters.',
  server_error: 'The provider had an internal error; try Connect again.',
  temporarily_unavailable: 'The provider is busy or down for a moment; try Connect again shortly.',
};

/**
 * The authorization code flow around the person: `start` keeps a pending state (its hash, the
 * PKCE verifier, the person and the credential) and answers the consent URL; `finish` takes
 * the state back exactly once, checks it belongs to the same signed-in person, and exchanges
 * the code. The verifier is never sent to the browser: only its S256 challenge is.
 */
export function createConnectFlow(deps: ConnectFlowDeps) {
  const redirectUri = `${deps.publicUrl}${CALLBACK_PATH}`;

  async function oauthCredential(id: string) {
    const c = await deps.credentials.read(id);
    if (!c) throw new AppError('NOT_FOUND', 404, `No credential ${id.slice(0, 100)} exists; list them with GET /api/credentials.`);
    if (c.type !== 'oauth2') throw new AppError('BAD_REQUEST', 400, `Credential "${c.name}" is a ${c.type} credential; only oauth2 credentials connect.`);
    return c;
  }

  return {
    redirectUri,
    /**
     * Starts connecting. Authorization code: a consent URL for the person to open. Client
     * credentials: no person is needed, so the token is fetched now and the answer says whether it worked.
     */
    async start(credentialId: string, userId: string): Promise<{ authorizationUrl: string; expiresAt: number } | { connected: true }> {
      const c = await oauthCredential(credentialId);
      const client = oauth2ClientOf(c.data);
      if (client.grantType === 'clientCredentials') {
        try {
          await deps.tokens.connect(c.id, await deps.protocol.clientCredentials(client));
        } catch (e) {
          const why = e instanceof OAuthRequestError ? e.message : 'The token request failed.';
          throw new AppError('UNAVAILABLE', 502, `Credential "${c.name}" could not get a token: ${why}`);
        }
        return { connected: true };
      }
      const secrets = deps.protocol.newFlowSecrets(client);
      const now = deps.clock.now();
      const expiresAt = now + deps.stateTtlMs;
      await deps.store.oauth.purgeStates(now);
      await deps.store.oauth.addState({ stateHash: hash(secrets.state), credentialId: c.id, userId, codeVerifier: secrets.codeVerifier, nonce: secrets.nonce, redirectUri, createdAt: now, expiresAt });
      return { authorizationUrl: await deps.protocol.authorizationUrl(client, { redirectUri, ...secrets }), expiresAt };
    },

    /** Finishes a flow from the provider's redirect, for the signed-in `userId` (null: nobody is signed in). */
    async finish(query: URLSearchParams, userId: string | null): Promise<CallbackResult> {
      const state = query.get('state');
      if (!state) return { ok: false, message: 'The provider sent no state back, so this answer cannot be matched to a Connect click. Click Connect again.' };
      if (userId === null) return { ok: false, message: 'Sign in to Switchyard in this browser, then click Connect again.' };
      const pending = await deps.store.oauth.takeState(hash(state), deps.clock.now());
      if (!pending) return { ok: false, message: 'This answer was already used or came too late (a Connect click is valid for a few minutes). Click Connect again.' };
      if (pending.userId !== userId) return { ok: false, message: 'This Connect was started by someone else; nothing was connected. Click Connect yourself.' };
      const error = query.get('error');
      if (error) {
        const described = query.get('error_description');
        const words = providerWords[error] ?? `The provider refused: ${error.slice(0, 100)}.`;
        return { ok: false, credentialId: pending.credentialId, message: `${words}${described ? ` The provider said: "${described.slice(0, 300)}"` : ''}` };
      }
      let c;
      try {
        c = await oauthCredential(pending.credentialId);
      } catch (e) {
        return { ok: false, credentialId: pending.credentialId, message: e instanceof Error ? e.message : 'The credential cannot be read.' };
      }
      try {
        const tokens = await deps.protocol.exchangeCode(oauth2ClientOf(c.data), query, { state, redirectUri: pending.redirectUri, codeVerifier: pending.codeVerifier, nonce: pending.nonce });
        await deps.tokens.connect(c.id, tokens);
        return { ok: true, credentialId: c.id, name: c.name, account: tokens.account ?? null };
      } catch (e) {
        const why = e instanceof OAuthRequestError ? e.message : 'The code could not be exchanged for tokens.';
        return { ok: false, credentialId: c.id, message: `Credential "${c.name}" was not connected: ${why}` };
      }
    },
  };
}
export type ConnectFlow = ReturnType<typeof createConnectFlow>;
