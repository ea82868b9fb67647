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
  close(): Promise<void>;
}

/**
 * Builds credentials (AES-256-GCM with `secretKey`), the trigger verifier with its rejection
 * counter, outbound signing secrets, redaction and their routes. Throws on a key that is not 32 bytes.
 */
export function createCredentialsIo(d: {
  store: Pick<Store, 'credentials' | 'rejections' | 'workflows'>;
  clock: Clock;
  logger: Logger;
  secretKey: Buffer;
  moreSecrets?: readonly SecretSource[];
  onCommitted?: () => void;
}): CredentialsIo {
  const credentials = createCredentialService({ store: d.store, cipher: createCredentialCipher(d.secretKey), clock: d.clock, onCommitted: d.onCommitted });
  const rejections = createRejectionCounter({ store: d.store, clock: d.clock });
  return {
    credentials,
    verifier: countingVerifier(createTriggerVerifier({ credentials, logger: d.logger }), rejections.record),
    rejections,
    redactor: createSecretRedactor(joinSecretSources(credentials, ...(d.moreSecrets ?? []))),
    resolveSigningSecret: createSigningSecretResolver(credentials),
    apiRouters: {
      credentials: createCredentialsRouter({ credentials }),
      workflows: createTriggerStatsRouter({ rejections, workflowExists: async (id) => (await d.store.workflows.get(id)) !== undefined }),
    },
    close: () => rejections.close(),
  };
}
