import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Clock } from './lib/clock.js';
import type { Store } from './store/ports/store.js';
import type { HttpConfig } from '../shared/nodes/http.node.js';
import type { CodeConfig } from '../shared/nodes/code.node.js';
import type { ExpressionChecker } from '../shared/graph/validate-workflow.js';
import type { ExpressionEvaluator, StepRunner } from './runners/runner.js';
import { createCodeRunner } from './runners/code.runner.js';
import { createDataStoreRunner } from './runners/datastore.runner.js';
import { createDedupeRunner } from './runners/dedupe.runner.js';
import { createDataStoreService } from './services/datastore-service.js';
import type { DatastoreConfig } from '../shared/nodes/datastore.node.js';
import type { DedupeConfig } from '../shared/nodes/dedupe.node.js';
import { createSandboxPool } from './sandbox/sandbox-pool.js';
import { createSandboxExpressionEvaluator } from './expressions/sandbox-expression-evaluator.js';
import { checkExpressionSyntax } from '../shared/graph/expression-syntax.js';
import { createHttpRunner } from './runners/http.runner.js';
import { createAppRunners, type AppRunners } from './runners/apps/index.js';
import { createCredentialResolver } from './credentials/resolve-credential.js';
import { createDelivery } from './delivery/create-delivery.js';
import type { Rate } from './delivery/rate-limiter.js';
import type { SharedBreakers } from './scale/shared-breakers.js';
import { createEndpointsRouter } from './http/endpoints.routes.js';
import { createDataStoreRouter } from './http/datastore.routes.js';
import type { TriggerVerifier } from './ingest/trigger-verifier.js';
import { createCredentialsIo } from './credentials/create-credentials-io.js';
import type { SecretRedactor } from './credentials/redact-secrets.js';
import type { OpsObserver } from './metrics/observer.js';
import { observeDeliverer } from './metrics/instrument-edges.js';
import type { EndpointView } from './delivery/endpoint-health.js';
import type { EgressAllowList } from './delivery/egress-allow-list.js';
import type { SandboxStats } from './sandbox/sandbox-types.js';
import type { RejectionCounter } from './verify/rejection-counter.js';
import { createCredentialCipher } from './credentials/credential-cipher.js';
import { createVariableService, type VariableService } from './variables/variable-service.js';
import { createVariablesRouter } from './http/variables.routes.js';
import type { ConnectFlow } from './oauth/connect-flow.js';

/** The parts of the server that reach outside the process: the sandbox pool and outbound delivery. */
export interface Io {
  runners: { http: StepRunner<HttpConfig>; code: StepRunner<CodeConfig>; datastore: StepRunner<DatastoreConfig>; dedupe: StepRunner<DedupeConfig>; apps: AppRunners };
  expressions: ExpressionEvaluator;
  checkExpression?: ExpressionChecker;
  /** Checks trigger authentication (signature presets) on raw requests. */
  verifier: TriggerVerifier;
  /** Hides stored credential values and secret variables in step inputs, outputs and errors before they are recorded. */
  redactor: SecretRedactor;
  /** Workflow variables (`vars.NAME`): runs read them, redaction hides the secret ones. */
  variables: VariableService;
  /** Per-minute counts of refused trigger requests (every reason; the verifier adds its 401s). */
  rejections: RejectionCounter;
  apiRouters: Record<string, Router>;
  /** The OAuth2 connect flow, for the callback page main.ts mounts. */
  oauthFlow: ConnectFlow;
  /** Live views for metrics and readiness. */
  ops: { sandbox: () => SandboxStats; endpoints: () => EndpointView[] };
  /** Reads the credentials' secret values again (another process changed one), so redaction hides the new ones. */
  reloadCredentials(): Promise<void>;
  /** Stops reusing open outbound connections (the egress allow-list changed). */
  renewOutboundConnections(): void;
  close(): Promise<void>;
}

export interface IoDeps {
  config: Config;
  logger: Logger;
  /** Credentials, their refusal counts and the workflows they check, the endpoints disabled after a 410, the variables, the data store and OAuth2 connections. */
  store: Pick<Store, 'credentials' | 'rejections' | 'workflows' | 'endpoints' | 'variables' | 'datastore' | 'oauth'>;
  clock: Clock;
  secretKey: Buffer;
  /** Told of every outbound delivery attempt (metrics). */
  observer?: OpsObserver;
  /** The live egress allow-list (EGRESS_ALLOW plus Settings); without it, EGRESS_ALLOW alone. */
  egressAllow?: () => EgressAllowList;
  /** A credential change through this process was committed (the other processes must reload theirs). */
  onCredentialsCommitted?: () => void;
  /** Several workers: this process's share of a delivery rate limit, and breakers shared with the others. */
  shared?: { rateShare: (rate: Rate) => Rate; breakers: Pick<SharedBreakers, 'onBreakerChange' | 'attach'> };
}

/**
 * Builds the parts that reach outside the server process: the sandbox pool (user code and
 * expressions run in supervised child processes, never here), outbound delivery (SSRF guard,
 * breaker, rate limits) and credentials (encrypted at rest, trigger signature checks).
 */
export async function createIo(d: IoDeps): Promise<Io> {
  const delivery = createDelivery({
    clock: d.clock,
    egressAllow: d.egressAllow ?? d.config.egressAllow,
    store: d.store,
    onStoreError: (err) => d.logger.error({ err }, 'could not store that an endpoint is disabled; the mark holds until restart'),
    rateShare: d.shared?.rateShare,
    onBreakerChange: d.shared?.breakers.onBreakerChange,
  });
  d.shared?.breakers.attach(delivery.endpoints);
  await delivery.endpoints.load();
  const variables = createVariableService({ store: d.store, cipher: createCredentialCipher(d.secretKey), clock: d.clock });
  const creds = createCredentialsIo({
    store: d.store,
    clock: d.clock,
    logger: d.logger,
    secretKey: d.secretKey,
    moreSecrets: [variables],
    onCommitted: d.onCredentialsCommitted,
    publicUrl: d.config.publicUrl,
    oauth: d.config.oauth,
    checkUrl: async (url) => {
      const refused = delivery.guard.checkUrl(url);
      if (refused) throw refused;
      await delivery.guard.resolve(url.hostname);
    },
  });
  // Redaction reads the secret values synchronously: they are loaded before any step runs.
  await creds.credentials.load();
  await creds.oauth.tokens.load();
  await variables.load();
  const http = createHttpRunner({
    deliverer: d.observer ? observeDeliverer(delivery.deliverer, d.observer) : delivery.deliverer,
    resolveSigningSecret: creds.resolveSigningSecret,
    resolveCredential: createCredentialResolver(creds.credentials),
    oauthToken: creds.oauth.tokens.accessToken,
  });
  const apps = createAppRunners({
    deliverer: d.observer ? observeDeliverer(delivery.deliverer, d.observer) : delivery.deliverer,
    guard: delivery.guard,
    resolveCredential: createCredentialResolver(creds.credentials),
    baseUrls: d.config.appBaseUrls,
    oauthToken: creds.oauth.tokens.accessToken,
  });
  const pool = createSandboxPool({
    size: d.config.sandboxPoolSize,
    idleStopMs: d.config.sandboxIdleStopMs,
    nice: d.config.sandboxNice,
    onEvent: (e) => d.logger.info({ sandbox: e }, 'sandbox event'),
  });
  const data = createDataStoreService({ store: d.store, clock: d.clock });
  return {
    runners: { http, code: createCodeRunner({ pool, data }), datastore: createDataStoreRunner({ data }), dedupe: createDedupeRunner({ data }), apps },
    expressions: createSandboxExpressionEvaluator(pool),
    checkExpression: checkExpressionSyntax,
    ops: { sandbox: () => pool.stats(), endpoints: () => delivery.endpoints.list() },
    verifier: creds.verifier,
    oauthFlow: creds.oauth.flow,
    redactor: creds.redactor,
    variables,
    rejections: creds.rejections,
    reloadCredentials: () => creds.credentials.reload(),
    renewOutboundConnections: () => delivery.client.renewConnections(),
    apiRouters: {
      endpoints: createEndpointsRouter({ endpoints: delivery.endpoints }),
      variables: createVariablesRouter({ variables }),
      datastore: createDataStoreRouter({ data }),
      ...creds.apiRouters,
    },
    close: async () => {
      await creds.close();
      await delivery.close();
      await pool.close();
    },
  };
}
