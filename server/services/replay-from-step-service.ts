import { AppError } from '../../shared/errors.js';
import type { Store } from '../store/ports/store.js';
import type { VersionCache } from '../executor/run-state.js';
import { planReplayFromStep, type ReplayRefusalReason } from './replay-from-step.js';
import type { RunRow, StepRecord } from '../engine/records.js';

/** A replay ready to enqueue: the version it is pinned to and the results it starts with. */
export interface PreparedReplay {
  workflowId: string;
  version: number;
  copies: readonly StepRecord[];
}

export type PreparedOrRefused =
  { ok: true; replay: PreparedReplay } | { ok: false; reason: ReplayRefusalReason | 'replay_no_failed_step' | 'workflow_deleted' | 'version_missing'; nodeId?: string; message: string };

/** Prepares replays of stored runs from a chosen step (reads only; the run service enqueues). */
export function createStepReplays(d: { store: Pick<Store, 'workflows' | 'steps'>; versions: VersionCache }) {
  const prepare = async (run: RunRow, which: 'current' | 'original', fromNodeId: string): Promise<PreparedOrRefused> => {
    const wf = await d.store.workflows.get(run.workflowId);
    if (!wf) return { ok: false, reason: 'workflow_deleted', message: 'The workflow of this run was deleted; it cannot be replayed.' };
    // "current" is the live (published) version; a never-published workflow has only its draft.
    const versionNumber = which === 'original' ? run.version : (wf.publishedVersion ?? wf.currentVersion);
    const version = await d.versions(run.workflowId, versionNumber);
    if (!version) return { ok: false, reason: 'version_missing', message: `Version ${versionNumber} of this workflow no longer exists.` };
    const plan = planReplayFromStep({ oldRunId: run.id, records: await d.store.steps.forRun(run.id), version, versionNumber, fromNodeId });
    if (!plan.ok) return plan;
    return { ok: true, replay: { workflowId: run.workflowId, version: versionNumber, copies: plan.copies } };
  };

  return {
    /** A replay from `fromNodeId`, or a 400 naming why not (`error.reason`). */
    async fromStep(run: RunRow, which: 'current' | 'original', fromNodeId: string): Promise<PreparedReplay> {
      const p = await prepare(run, which, fromNodeId);
      if (p.ok) return p.replay;
      if (p.reason === 'workflow_deleted') throw new AppError('NOT_FOUND', 404, p.message);
      throw new AppError('BAD_REQUEST', 400, p.message, { reason: p.reason, ...(p.nodeId ? { nodeId: p.nodeId } : {}) });
    },
    /** A replay from the step that failed the run; refused for runs that did not fail at a step. */
    async fromFailedStep(run: RunRow, which: 'current' | 'original'): Promise<PreparedOrRefused> {
      const nodeId = run.status === 'failed' && typeof run.error?.nodeId === 'string' ? run.error.nodeId : undefined;
      if (!nodeId) return { ok: false, reason: 'replay_no_failed_step', message: `Run ${run.id} did not fail at a step (it is ${run.status}).` };
      return prepare(run, which, nodeId);
    },
  };
}
export type StepReplays = ReturnType<typeof createStepReplays>;
