import * as oauth from 'oauth4webapi';
import type { OAuth2Client } from '../../shared/credentials/oauth2-credential.js';

/** Tokens as a provider answered them, with what Switchyard keeps of the id_token. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  tokenType: string;
  /** Epoch ms; undefined when the provider gave no lifetime. */
  expiresAt?: number;
  scope?: string;
  /** The account the tokens belong to (email, name or subject), when the provider said. */
  account?: string;
}

/**
 * Why a token request failed. `revoked`: the provider refused the grant or the client for good
 * (invalid_grant, invalid_client, unauthorized_client): trying again cannot help, a person must
 * reconnect or fix the client. `unavailable`: timeout, network, 5xx, a body that is not OAuth:
 * worth trying again later. `refused`: every other OAuth error of the request itself.
 */
export class OAuthRequestError extends Error {
  constructor(
    readonly kind: 'revoked' | 'unavailable' | 'refused',
    message: string,
    readonly providerError?: string,
  ) {
    super(message);
    this.name = 'OAuthRequestError';
  }
}

export interface ProtocolDeps {
  /** Vets a URL before each request to it (the egress guard); throws to refuse. */
  checkUrl?: (url: URL) => Promise<void>;
  /** How long a token request may take. */
  timeoutMs: number;
  now: () => number;
}

const REVOKED = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

/** Words for an OAuth error, from the provider's own description when it gave one. Never holds a token. */
function describe(e: unknown): OAuthRequestError {
  if (e instanceof OAuthRequestError) return e;
  if (e instanceof oauth.ResponseBodyError) {
    const what = `${e.error}${e.error_description ? `: ${e.error_description.slice(0, 300)}` : ''}`;
    if (REVOKED.has(e.error)) return new OAuthRequestError('revoked', `The provider refused (${what}).`, e.error);
    if (e.status >= 500) return new OAuthRequestError('unavailable', `The token endpoint failed with ${e.status} (${what}).`, e.error);
    return new OAuthRequestError('refused', `The provider refused the request (${what}).`, e.error);
  }
  if (e instanceof oauth.AuthorizationResponseError) {
    return new OAuthRequestError('refused', `The provider answered ${e.error}${e.error_description ? `: ${e.error_description.slice(0, 300)}` : ''}.`, e.error);
  }
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return new OAuthRequestError('unavailable', 'The token endpoint did not answer in time.');
  if (e instanceof oauth.OperationProcessingError) {
    const status = (e.cause as { status?: unknown } | undefined)?.status;
    if (typeof status === 'number' && status >= 500) return new OAuthRequestError('unavailable', `The token endpoint failed with ${status}.`);
    return new OAuthRequestError('unavailable', `The token endpoint's answer could not be used (${e.message.slice(0, 200)}).`);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new OAuthRequestError('unavailable', `The token endpoint could not be reached (${message.slice(0, 200)}).`);
}

/** The account named in an id_token: email first, then name, then subject. */
function accountOf(claims: oauth.IDToken | undefined): string | undefined {
  if (!claims) return undefined;
  for (const k of ['email', 'preferred_username', 'name'] as const) {
    const v = claims[k];
    if (typeof v === 'string' && v !== '') return v.slice(0, 320);
  }
  return claims.sub;
}

/**
 * OAuth2 as Switchyard speaks it, over oauth4webapi: the consent URL (PKCE S256, state, nonce
 * for OpenID Connect), the code exchange, refresh and client credentials. Protocol checks
 * (state, issuer, PKCE, id_token claims) are the library's; this file only maps a credential's
 * settings onto it and its failures onto three kinds.
 */
export function createOAuthProtocol(deps: ProtocolDeps) {
  const server = (c: OAuth2Client): oauth.AuthorizationServer => ({
    issuer: c.issuer,
    token_endpoint: c.tokenUrl,
    ...(c.authorizationUrl ? { authorization_endpoint: c.authorizationUrl } : {}),
  });
  const client = (c: OAuth2Client): oauth.Client => ({ client_id: c.clientId });
  const auth = (c: OAuth2Client): oauth.ClientAuth => {
    if (!c.clientSecret) return oauth.None();
    return c.clientAuthentication === 'body' ? oauth.ClientSecretPost(c.clientSecret) : oauth.ClientSecretBasic(c.clientSecret);
  };
  const fetchVetted = async (url: string, init: RequestInit): Promise<Response> => {
    await deps.checkUrl?.(new URL(url));
    return fetch(url, { ...init, redirect: 'manual' });
  };
  const options = (c: OAuth2Client) => ({
    [oauth.customFetch]: fetchVetted,
    // Plain http only where the person typed it (a provider on the same host or network); https otherwise.
    [oauth.allowInsecureRequests]: c.tokenUrl.startsWith('http:'),
    signal: AbortSignal.timeout(deps.timeoutMs),
  });
  const tokens = (r: oauth.TokenEndpointResponse): TokenSet => ({
    accessToken: r.access_token,
    ...(r.refresh_token ? { refreshToken: r.refresh_token } : {}),
    tokenType: r.token_type,
    ...(typeof r.expires_in === 'number' ? { expiresAt: deps.now() + r.expires_in * 1000 } : {}),
    ...(r.scope ? { scope: r.scope } : {}),
    ...(accountOf(oauth.getValidatedIdTokenClaims(r)) ? { account: accountOf(oauth.getValidatedIdTokenClaims(r)) } : {}),
  });
  const wantsOpenId = (c: OAuth2Client) => c.scopes.includes('openid');

  return {
    wantsOpenId,
    /** Fresh PKCE verifier, state and (for OpenID Connect) nonce for one connect flow. */
    newFlowSecrets: (c: OAuth2Client) => ({ codeVerifier: oauth.generateRandomCodeVerifier(), state: oauth.generateRandomState(), nonce: wantsOpenId(c) ? oauth.generateRandomNonce() : null }),

    /** The provider's consent URL for one flow. */
    async authorizationUrl(c: OAuth2Client, f: { redirectUri: string; state: string; codeVerifier: string; nonce: string | null }): Promise<string> {
      if (!c.authorizationUrl) throw new OAuthRequestError('refused', 'The credential has no authorization URL.');
      const url = new URL(c.authorizationUrl);
      for (const [k, v] of Object.entries(c.authorizationParams)) url.searchParams.set(k, v);
      url.searchParams.set('client_id', c.clientId);
      url.searchParams.set('redirect_uri', f.redirectUri);
      url.searchParams.set('response_type', 'code');
      if (c.scopes.length) url.searchParams.set('scope', c.scopes.join(' '));
      url.searchParams.set('state', f.state);
      url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(f.codeVerifier));
      url.searchParams.set('code_challenge_method', 'S256');
      if (f.nonce) url.searchParams.set('nonce', f.nonce);
      return url.toString();
    },

    /** Checks the provider's redirect (state, issuer, error) and exchanges the code with the PKCE verifier. */
    async exchangeCode(c: OAuth2Client, callback: URLSearchParams, f: { state: string; redirectUri: string; codeVerifier: string; nonce: string | null }): Promise<TokenSet> {
      try {
        const params = oauth.validateAuthResponse(server(c), client(c), callback, f.state);
        const response = await oauth.authorizationCodeGrantRequest(server(c), client(c), auth(c), params, f.redirectUri, f.codeVerifier, options(c));
        return tokens(await oauth.processAuthorizationCodeResponse(server(c), client(c), response, { expectedNonce: f.nonce ?? oauth.expectNoNonce, requireIdToken: false }));
      } catch (e) {
        throw describe(e);
      }
    },

    async refresh(c: OAuth2Client, refreshToken: string): Promise<TokenSet> {
      try {
        const response = await oauth.refreshTokenGrantRequest(server(c), client(c), auth(c), refreshToken, options(c));
        return tokens(await oauth.processRefreshTokenResponse(server(c), client(c), response));
      } catch (e) {
        throw describe(e);
      }
    },

    async clientCredentials(c: OAuth2Client): Promise<TokenSet> {
      try {
        const params: Record<string, string> = c.scopes.length ? { scope: c.scopes.join(' ') } : {};
        const response = await oauth.clientCredentialsGrantRequest(server(c), client(c), auth(c), params, options(c));
        return tokens(await oauth.processClientCredentialsResponse(server(c), client(c), response));
      } catch (e) {
        throw describe(e);
      }
    },
  };
}
export type OAuthProtocol = ReturnType<typeof createOAuthProtocol>;
