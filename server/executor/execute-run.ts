import type { Logger } from 'pino';
import type { ClaimedJob } from '../db/job-repo.js';
import type { StepRecord } from '../db/step-repo.js';
import type { StepError } from '../../shared/runs/run-status.js';
import { planRun } from '../engine/plan-run.js';
import type { Clock } from '../lib/clock.js';
import type { createWaiters, RunReply } from '../ingest/trigger-waiters.js';
import type { ExecutionStore } from './execution-store.js';
import { applyRecord, progressFrom, triggerData, type CompiledVersion, type VersionCache } from './run-state.js';
import type { RunStep } from './run-step.js';

export interface ExecuteDeps {
  store: ExecutionStore;
  versions: VersionCache;
  runStep: RunStep;
  clock: Clock;
  logger: Logger;
  replies: ReturnType<typeof createWaiters<RunReply>>;
  leaseMs: number;
}

/**
 * Carries one claimed run forward as far as it can go: plan, run the ready steps, record,
 * repeat, then finish it or put it aside until its next due time. Finished steps are
 * committed before any later step starts, so a crash never repeats a finished step; the
 * last steps and the run's end share one transaction.
 */
export function createExecuteRun(d: ExecuteDeps) {
  return async function executeRun(job: ClaimedJob, owner: string, signal: AbortSignal): Promise<void> {
    const loaded = await d.store.load(job.runId);
    const now = () => d.clock.now();
    if (!loaded) {
      d.logger.error({ runId: job.runId }, 'claimed a job whose run or event is missing');
      return d.store.apply({ runId: job.runId, owner, now: now(), steps: [], finish: { status: 'failed', error: { code: 'run_missing', message: 'The run or its event is missing.' } } });
    }
    const { run, event } = loaded;
    const version = d.versions(run.workflowId, run.version);
    const finish = async (steps: StepRecord[], status: 'succeeded' | 'failed' | 'cancelled', error?: StepRecord['error']) => {
      await d.store.apply({ runId: run.id, owner, now: now(), steps, finish: { status, error } });
      d.replies.deliver(run.id, { kind: 'finished' });
    };
    if (!version) return finish([], 'failed', { code: 'version_missing', message: `Workflow version ${run.version} no longer exists.` });

    const trigger = triggerData(event, version.trigger);
    const state = progressFrom(loaded.steps);
    const deferredUntil = new Map<string, number>();
    let pending: StepRecord[] = [];
    const errors = new Map(loaded.steps.filter((s) => s.error).map((s) => [s.nodeId, s.error] as const));

    for (;;) {
      const plan = planRun(version.graph, version.order, version.trigger.id, state.progress, now());
      for (const id of plan.skip) {
        const record: StepRecord = { runId: run.id, nodeId: id, attempt: 1, status: 'skipped', startedAt: now(), finishedAt: now() };
        applyRecord(state, record);
        pending.push(record);
      }
      if (plan.kind === 'succeeded') return finish(pending, 'succeeded');
      if (plan.kind === 'failed') return finish(pending, 'failed', failureOf(plan.failedNode, version, errors.get(plan.failedNode)));
      if (await d.store.isCancelled(run.id)) return finish(pending, 'cancelled');
      const ready = plan.kind === 'run' ? plan.ready.filter((id) => !deferredUntil.has(id)) : [];
      if (!ready.length || signal.aborted) {
        const candidates = [...deferredUntil.values(), ...(plan.kind === 'wait' ? [plan.until] : [])];
        const until = signal.aborted ? now() : Math.min(...candidates);
        await d.store.apply({ runId: run.id, owner, now: now(), steps: pending, waitUntil: until });
        return;
      }
      if (pending.length) {
        await d.store.apply({ runId: run.id, owner, now: now(), steps: pending, holdUntil: now() + d.leaseMs });
        pending = [];
      }
      const results = await Promise.all(ready.map((id) => d.runStep({ run, trigger, version, state, nodeId: id, signal })));
      for (const r of results) {
        if (r.kind === 'deferred') deferredUntil.set(r.nodeId, r.until);
        else {
          applyRecord(state, r.record);
          pending.push(r.record);
          if (r.record.error) errors.set(r.record.nodeId, r.record.error);
        }
      }
    }
  };
}

/** The run's error: which step failed and why, in one sentence. */
function failureOf(nodeId: string, version: CompiledVersion, cause: StepError | undefined): StepError {
  const label = version.nodes.get(nodeId)?.label ?? nodeId;
  const why = cause ? `: ${cause.message}` : '.';
  return { code: 'step_failed', message: `Step "${label}" failed${why}`, nodeId, cause: cause?.code };
}
