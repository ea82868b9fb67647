import type { StepError } from '../../shared/runs/run-status.js';
import { httpAuthTypes } from '../../shared/credentials/http-auth-credentials.js';
import type { CredentialOf, ResolveCredential } from '../credentials/resolve-credential.js';
import type { TokenAnswer } from '../oauth/oauth-tokens.js';

/** An access token for an oauth2 credential; `rejected` is the token the target just refused. */
export type OAuthTokenSource = (credential: CredentialOf<'oauth2'>, opts?: { rejected?: string }) => Promise<TokenAnswer>;

/** A request with the credential applied. `oauth` is set for an oauth2 credential, to refresh after a 401. */
export type Authed = { ok: true; url: string; headers: Record<string, string>; secrets: string[]; oauth?: { credential: CredentialOf<'oauth2'>; token: string } } | { ok: false; error: StepError };

const withQuery = (url: string, name: string, value: string): string | null => {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  parsed.searchParams.set(name, value);
  return parsed.toString();
};
const badUrl: Authed = { ok: false, error: { code: 'invalid_url', retryable: false, message: 'The URL is not absolute, so the credential cannot be added to its query.' } };

/** Puts an oauth2 access token where the credential says: `Authorization: Bearer`, or a query parameter. */
export function placeToken(c: CredentialOf<'oauth2'>, token: string, url: string, headers: Record<string, string>): Authed {
  if (c.data.tokenPlacement === 'query') {
    const next = withQuery(url, c.data.tokenQueryName, token);
    return next === null ? badUrl : { ok: true, url: next, headers, secrets: [token], oauth: { credential: c, token } };
  }
  return { ok: true, url, headers: { ...headers, authorization: `Bearer ${token}` }, secrets: [token], oauth: { credential: c, token } };
}

/** Adds the `auth` credential to the request: a header (bearer, basic, custom, OAuth2) or a query parameter. */
export async function applyAuth(deps: { resolveCredential?: ResolveCredential; oauthToken?: OAuthTokenSource }, credentialId: string, url: string, headers: Record<string, string>): Promise<Authed> {
  if (!deps.resolveCredential) return { ok: false, error: { code: 'credential_missing', retryable: false, message: `Credential ${credentialId.slice(0, 100)} cannot be read here.` } };
  const found = await deps.resolveCredential(credentialId, httpAuthTypes);
  if (!found.ok) return found;
  const c = found.credential;
  switch (c.type) {
    case 'http-bearer':
      return { ok: true, url, headers: { ...headers, authorization: `Bearer ${c.data.token}` }, secrets: [c.data.token] };
    case 'http-basic': {
      const encoded = Buffer.from(`${c.data.username}:${c.data.password}`).toString('base64');
      return { ok: true, url, headers: { ...headers, authorization: `Basic ${encoded}` }, secrets: [c.data.password, encoded] };
    }
    case 'http-header':
      return { ok: true, url, headers: { ...headers, [c.data.name.toLowerCase()]: c.data.value }, secrets: [c.data.value] };
    case 'http-query': {
      const next = withQuery(url, c.data.name, c.data.value);
      return next === null ? badUrl : { ok: true, url: next, headers, secrets: [c.data.value] };
    }
    case 'oauth2': {
      if (!deps.oauthToken) return { ok: false, error: { code: 'credential_missing', retryable: false, message: `Credential "${c.name}" is OAuth2, which cannot be used here.` } };
      const t = await deps.oauthToken(c);
      return t.ok ? placeToken(c, t.accessToken, url, headers) : t;
    }
    default: {
      const unreachable: never = c;
      return unreachable;
    }
  }
}
