import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { Clock } from './lib/clock.js';
import type { HttpConfig } from '../shared/nodes/http.node.js';
import type { CodeConfig } from '../shared/nodes/code.node.js';
import type { ExpressionChecker } from '../shared/graph/validate-workflow.js';
import type { ExpressionEvaluator, StepRunner } from './runners/runner.js';
import { createPathExpressionEvaluator } from './runners/path-expression-evaluator.js';
import { createHttpRunner } from './runners/http.runner.js';
import { createDelivery } from './delivery/create-delivery.js';
import { createEndpointsRouter } from './http/endpoints.routes.js';
import { noneOnlyVerifier, type TriggerVerifier } from './ingest/trigger-verifier.js';

/** The parts of the server that reach outside the process: the sandbox pool and outbound delivery. */
export interface Io {
  runners: { http: StepRunner<HttpConfig>; code: StepRunner<CodeConfig> };
  expressions: ExpressionEvaluator;
  checkExpression?: ExpressionChecker;
  /** Checks trigger authentication (signature presets) on raw requests. */
  verifier: TriggerVerifier;
  apiRouters: Record<string, Router>;
  close(): Promise<void>;
}

export interface IoDeps {
  config: Config;
  logger: Logger;
  db: Db;
  clock: Clock;
  secretKey: Buffer;
}

/**
 * Builds the IO-bound runners: outbound delivery (SSRF guard, breaker, rate limits) for `http`.
 * The sandbox pool joins here when it lands; until then `code` steps fail with a clear error.
 */
export async function createIo(d: IoDeps): Promise<Io> {
  const delivery = createDelivery({ clock: d.clock, egressAllow: d.config.egressAllow, db: d.db });
  const http = createHttpRunner({ deliverer: delivery.deliverer });
  const code: StepRunner<CodeConfig> = {
    run: async () => ({ kind: 'failed', error: { code: 'sandbox_unavailable', message: 'Code steps are not available in this build yet.', retryable: false } }),
  };
  return {
    runners: { http, code },
    expressions: createPathExpressionEvaluator(),
    verifier: noneOnlyVerifier,
    apiRouters: { endpoints: createEndpointsRouter({ endpoints: delivery.endpoints }) },
    close: () => delivery.close(),
  };
}
