import type { IncomingMessage, ServerResponse } from 'node:http';
import { createIngestDecision, type IngestDecisionDeps } from './ingest-decision.js';
import { writeIngestOutcome } from './ingest-outcome.js';
import type { RejectedRequest } from './rejection-inbox.js';
import { createFormHandler } from './form-handler.js';

export interface IngestDeps extends IngestDecisionDeps {
  /** Told of every request a known trigger refuses (401, 403, 405, 413, 429, 400), for its inbox and counter. */
  onRejected?: (rejection: RejectedRequest) => void;
}

/**
 * `POST /hooks/<token>` (and `/hooks/test/<token>`, the draft), written against node:http because it is the hot path: the decision
 * (ingest-decision.ts) returns an outcome, and one writer (ingest-outcome.ts) answers it.
 */
export function createIngestHandler(deps: IngestDeps) {
  const decide = createIngestDecision(deps);
  const ingest = async function ingest(req: IncomingMessage, res: ServerResponse, token: string, url: URL, test = false): Promise<void> {
    writeIngestOutcome(res, await decide(req, token, url, test), deps.onRejected);
  };
  /** `/forms/<token>`: the hosted page of a form trigger, submitting through the same decision. */
  const form = createFormHandler({ resolver: deps.resolver, decide: (req, token, url) => decide(req, token, url), ...(deps.onRejected ? { onRejected: deps.onRejected } : {}) });
  return Object.assign(ingest, { form });
}
