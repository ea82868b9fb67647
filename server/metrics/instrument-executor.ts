import type { Logger } from 'pino';
import type { ExecutionStore } from '../executor/execution-store.js';
import type { RunStep } from '../executor/run-step.js';
import type { OpsObserver } from './observer.js';

/**
 * The executor's storage, observed: log lines per run that carry its ids, the finished-runs
 * counter, and `afterFinish` (payload truncation, told the run's largest payload when the store knew it) once a run's end is committed. The executor
 * itself stays unaware of all of it.
 */
export function observeExecutionStore(store: ExecutionStore, d: { observer: OpsObserver; logger: Logger; afterFinish?: (runId: string, largestPayload: number | undefined) => void }): ExecutionStore {
  // Claimed runs' workflows, so every later line of the run can name it.
  const workflowOf = new Map<string, string>();
  const log = (runId: string) => d.logger.child({ runId, workflowId: workflowOf.get(runId) });
  return {
    ...store,
    async claim(owner, limit, leaseMs, now) {
      const jobs = await store.claim(owner, limit, leaseMs, now);
      // Bounded even if runs end some other way (a crash of the executor itself).
      if (workflowOf.size > 100_000) workflowOf.clear();
      for (const j of jobs) {
        workflowOf.set(j.runId, j.workflowId);
        if (d.logger.isLevelEnabled('debug')) log(j.runId).debug({ claims: j.claims }, 'run claimed');
      }
      return jobs;
    },
    async apply(e) {
      let applied;
      try {
        applied = await store.apply(e);
      } catch (err) {
        workflowOf.delete(e.runId);
        throw err;
      }
      if (e.finish) {
        const { status, error } = e.finish;
        // A cancellation is counted by the runs API that made it; this is the worker noticing.
        if (status !== 'cancelled') d.observer.runFinished(status);
        if (status === 'failed') log(e.runId).info({ status, error: error?.code, nodeId: error?.nodeId }, 'run finished');
        else if (d.logger.isLevelEnabled('debug')) log(e.runId).debug({ status }, 'run finished');
        workflowOf.delete(e.runId);
        d.afterFinish?.(e.runId, applied.largestPayload);
      } else if (e.waitUntil !== undefined) {
        if (d.logger.isLevelEnabled('debug')) log(e.runId).debug({ until: e.waitUntil }, 'run waiting');
        workflowOf.delete(e.runId);
      }
      return applied;
    },
  };
}

/** Each step attempt, observed: its duration by node type, and a debug line with run, workflow and node ids. */
export function observeRunStep(runStep: RunStep, d: { observer: OpsObserver; logger: Logger }): RunStep {
  return async (input) => {
    const result = await runStep(input);
    const type = input.version.nodes.get(input.nodeId)?.type ?? 'unknown';
    const ids = { runId: input.run.id, workflowId: input.run.workflowId, nodeId: input.nodeId };
    if (result.kind === 'record') {
      const r = result.record;
      const seconds = Math.max(0, ((r.finishedAt ?? r.startedAt) - r.startedAt) / 1000);
      d.observer.stepFinished(type, r.status, seconds);
      if (d.logger.isLevelEnabled('debug')) d.logger.child(ids).debug({ nodeType: type, status: r.status, attempt: r.attempt, durationMs: seconds * 1000, error: r.error?.code }, 'step finished');
    } else if (d.logger.isLevelEnabled('debug')) {
      d.logger.child(ids).debug({ nodeType: type, result: result.kind }, 'step not recorded');
    }
    return result;
  };
}
