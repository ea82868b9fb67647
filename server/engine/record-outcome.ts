import { DEFAULT_OUTPUT, ERROR_OUTPUT } from '../../shared/nodes/define-node-type.js';
import { decideRetry, type RetryPolicy } from './retry-policy.js';
import type { StepRecord } from './records.js';
import type { StepOutcome } from './step-types.js';

/** The attempt a runner just finished, ready to store: a record, or nothing for a deferral. */
export type RecordedOutcome = { kind: 'record'; record: StepRecord } | { kind: 'deferred'; until: number; reason: string };

export interface AttemptFacts {
  runId: string;
  nodeId: string;
  attempt: number;
  input: unknown;
  startedAt: number;
  finishedAt: number;
  policy: RetryPolicy;
  random: () => number;
  /** What a final failure does (the node's `onFailure`). */
  onFailure?: 'fail' | 'continue' | 'branch';
}

/** A handled final failure fires an output carrying the error; an unhandled one fires none and fails the run. */
function handledFailure(onFailure: AttemptFacts['onFailure'], error: StepRecord['error']): Pick<StepRecord, 'ports' | 'output'> {
  if (onFailure === 'continue') return { ports: [DEFAULT_OUTPUT], output: { error } };
  if (onFailure === 'branch') return { ports: [ERROR_OUTPUT], output: { error } };
  return {};
}

/**
 * Turns a runner's outcome into the stored attempt. Pure. A failure becomes `retrying` with
 * its next time when the policy allows another attempt, else `failed`.
 */
export function recordOutcome(outcome: StepOutcome, f: AttemptFacts): RecordedOutcome {
  const base = { runId: f.runId, nodeId: f.nodeId, attempt: f.attempt, input: f.input, startedAt: f.startedAt, finishedAt: f.finishedAt };
  switch (outcome.kind) {
    case 'succeeded':
      return {
        kind: 'record',
        record: { ...base, status: 'succeeded', output: outcome.output, ports: outcome.ports ?? [DEFAULT_OUTPUT], logs: outcome.logs, detail: outcome.detail },
      };
    case 'failed': {
      const decision = decideRetry(f.policy, f.attempt, outcome.error, f.random);
      // The decision's reason is stored on the attempt, so a person sees why (and when) it retries or gave up.
      const retry = decision.retry ? { reason: decision.reason, nextAttemptAt: f.finishedAt + decision.delayMs } : { reason: decision.reason };
      const common = { ...base, error: outcome.error, logs: outcome.logs, detail: { ...outcome.detail, retry } };
      return decision.retry
        ? { kind: 'record', record: { ...common, status: 'retrying', nextAttemptAt: f.finishedAt + decision.delayMs } }
        : { kind: 'record', record: { ...common, status: 'failed', ...handledFailure(f.onFailure, outcome.error) } };
    }
    case 'deferred':
      return { kind: 'deferred', until: outcome.until, reason: outcome.reason };
    case 'iterate':
      // The list is stored with the running loop, so a restart walks exactly the same items.
      return { kind: 'record', record: { ...base, status: 'running', output: outcome.items, detail: outcome.detail } };
    case 'wait':
      return { kind: 'record', record: { ...base, status: 'waiting', output: outcome.output, detail: outcome.detail, nextAttemptAt: outcome.until } };
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}
