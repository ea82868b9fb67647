import { z } from 'zod';

/** OAuth2 settings from the environment (docs/configuration.md). */
export const oauthEnv = {
  /** Refresh an access token when it expires within this long. */
  OAUTH_REFRESH_AHEAD_MS: z.coerce.number().int().min(0).max(86_400_000).default(120_000),
  /** How long a request to a provider's token endpoint may take. */
  OAUTH_TOKEN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** How long a Connect click stays valid: the person has this long to consent. */
  OAUTH_STATE_TTL_MS: z.coerce.number().int().min(10_000).max(3_600_000).default(600_000),
};

export interface OAuthConfig {
  refreshAheadMs: number;
  tokenTimeoutMs: number;
  stateTtlMs: number;
}

export const oauthConfig = (e: { OAUTH_REFRESH_AHEAD_MS: number; OAUTH_TOKEN_TIMEOUT_MS: number; OAUTH_STATE_TTL_MS: number }): OAuthConfig => ({
  refreshAheadMs: e.OAUTH_REFRESH_AHEAD_MS,
  tokenTimeoutMs: e.OAUTH_TOKEN_TIMEOUT_MS,
  stateTtlMs: e.OAUTH_STATE_TTL_MS,
});
