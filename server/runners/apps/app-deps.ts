import type { Deliverer } from '../../delivery/deliver.js';
import type { CredentialOf, ResolveCredential } from '../../credentials/resolve-credential.js';
import type { StepError } from '../../../shared/runs/run-status.js';
import type { AppBaseUrls } from './app-base-urls.js';
import type { OAuthTokenSource } from '../http-auth.js';

/** What the HTTP app runners need: the guarded deliverer, credentials by id, and where each API lives. */
export interface AppRunnerDeps {
  deliverer: Deliverer;
  resolveCredential: ResolveCredential;
  baseUrls: AppBaseUrls;
  /** Access tokens of oauth2 credentials, for the apps that accept one (HubSpot, Slack). */
  oauthToken?: OAuthTokenSource;
}

/** The access token of an app's own credential or of an oauth2 one; a step error naming the credential when there is none. */
export async function appToken(
  deps: Pick<AppRunnerDeps, 'oauthToken'>,
  c: CredentialOf<'oauth2'> | { type: string; token: string | undefined },
): Promise<{ ok: true; token: string; secrets: string[] } | { ok: false; error: StepError }> {
  if ('token' in c) return c.token ? { ok: true, token: c.token, secrets: [] } : { ok: false, error: { code: 'credential_incomplete', retryable: false, message: 'The credential has no token.' } };
  if (!deps.oauthToken) return { ok: false, error: { code: 'credential_missing', retryable: false, message: `Credential "${c.name}" is OAuth2, which cannot be used here.` } };
  const t = await deps.oauthToken(c);
  return t.ok ? { ok: true, token: t.accessToken, secrets: [t.accessToken] } : t;
}
