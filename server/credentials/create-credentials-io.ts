import type { Logger } from 'pino';
import type { Router } from 'express';
import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/ports/store.js';
import { createCredentialsRouter } from '../http/credentials.routes.js';
import { createTriggerStatsRouter } from '../http/trigger-stats.routes.js';
import type { TriggerVerifier } from '../ingest/trigger-verifier.js';
import { countingVerifier, createTriggerVerifier } from '../verify/create-trigger-verifier.js';
import { createRejectionCounter, type RejectionCounter } from '../verify/rejection-counter.js';
import { createCredentialCipher } from './credential-cipher.js';
import { createCredentialService, type CredentialService } from './credential-service.js';
import { createSecretRedactor, joinSecretSources, type SecretRedactor, type SecretSource } from './redact-secrets.js';
import { createSigningSecretResolver } from './signing-secret.js';
import { createOAuthProtocol } from '../oauth/oauth-protocol.js';
import { createOAuthTokens, type OAuthTokens } from '../oauth/oauth-tokens.js';
import { createConnectFlow, type ConnectFlow } from '../oauth/connect-flow.js';
import type { OAuthConfig } from '../oauth/oauth-config.js';
import { createOAuthApiRouter } from '../http/oauth.routes.js';
import { newId } from '../lib/ids.js';

/** Everything credentials bring to the server, built from the store and the secret key. */
export interface CredentialsIo {
  credentials: CredentialService;
  /** Trigger authentication; refusals are counted in `rejections` as they happen. */
  verifier: TriggerVerifier;
  rejections: RejectionCounter;
  /** Hides stored credential values (and those of `moreSecrets`: secret variables) in anything recorded on a run. */
  redactor: SecretRedactor;
  /** For the http runner: the `secret` of a webhook-secret credential. */
  resolveSigningSecret: (credentialId: string) => Promise<string | null>;
  /** `credentials` (mount at /api/credentials) and `workflows` (trigger rejection stats; mount at /api/workflows after the workflows router). */
  apiRouters: { credentials: Router; workflows: Router };
  /** OAuth2 tokens (for steps) and the connect flow (for the callback page). */
  oauth: { tokens: OAuthTokens; flow: ConnectFlow };
  close(): Promise<void>;
}

export interface CredentialsIoDeps {
  store: Pick<Store, 'credentials' | 'rejections' | 'workflows' | 'oauth'>;
  clock: Clock;
  logger: Logger;
  secretKey: Buffer;
  publicUrl: string;
  oauth: OAuthConfig;
  /** Vets a provider URL before a token request (the egress guard). */
  checkUrl?: (url: URL) => Promise<void>;
  /** More values to redact (secret variables). */
  moreSecrets?: readonly SecretSource[];
  /** A credential change committed (other processes reload theirs). */
  onCommitted?: () => void;
}

/**
 * Builds credentials (AES-256-GCM with `secretKey`), the trigger verifier with its rejection
 * counter, outbound signing secrets, redaction and their routes. Throws on a key that is not 32 bytes.
 */
export function createCredentialsIo(d: CredentialsIoDeps): CredentialsIo {
  const cipher = createCredentialCipher(d.secretKey);
  const credentials = createCredentialService({ store: d.store, cipher, clock: d.clock, onCommitted: d.onCommitted });
  const rejections = createRejectionCounter({ store: d.store, clock: d.clock });
  const protocol = createOAuthProtocol({ checkUrl: d.checkUrl, timeoutMs: d.oauth.tokenTimeoutMs, now: () => d.clock.now() });
  const tokens = createOAuthTokens({
    store: d.store,
    cipher,
    protocol,
    clock: d.clock,
    logger: d.logger,
    owner: newId('proc', d.clock.now()),
    refreshAheadMs: d.oauth.refreshAheadMs,
    claimMs: d.oauth.tokenTimeoutMs * 2,
  });
  const flow = createConnectFlow({ store: d.store, credentials, tokens, protocol, clock: d.clock, publicUrl: d.publicUrl, stateTtlMs: d.oauth.stateTtlMs });

  return {
    oauth: { tokens, flow },
    credentials,
    verifier: countingVerifier(createTriggerVerifier({ credentials, logger: d.logger }), rejections.record),
    rejections,
    // Redaction hides OAuth2 tokens and the `moreSecrets` (secret variables) as well as credential data.
    redactor: createSecretRedactor(joinSecretSources(credentials, tokens, ...(d.moreSecrets ?? []))),
    resolveSigningSecret: createSigningSecretResolver(credentials),
    apiRouters: {
      credentials: createCredentialsRouter({ credentials, oauth: tokens, then: createOAuthApiRouter({ flow, tokens }) }),
      workflows: createTriggerStatsRouter({ rejections, workflowExists: async (id) => (await d.store.workflows.get(id)) !== undefined }),
    },
    close: () => rejections.close(),
  };
}
