import { MAX_SUBWORKFLOW_DEPTH } from '../../shared/nodes/subworkflow.node.js';
import type { StepError } from '../../shared/runs/run-status.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import type { CommitQueue } from '../store/sqlite/commit-queue.js';
import type { EventRepo } from '../store/sqlite/event-repo.js';
import type { JobRepo } from '../store/sqlite/job-repo.js';
import type { RunRepo } from '../store/sqlite/run-repo.js';
import type { StepRepo } from '../store/sqlite/step-repo.js';
import type { WorkflowRepo } from '../store/sqlite/workflow-repo.js';
import { triggerData, type VersionCache } from '../executor/run-state.js';
import { createRunTree } from './child-runs-tree.js';
import { childResult } from './child-runs-result.js';
import type { RunRow } from '../engine/records.js';

export interface ChildRunsDeps {
  commits: CommitQueue;
  workflows: WorkflowRepo;
  versions: VersionCache;
  events: EventRepo;
  runs: RunRepo;
  jobs: JobRepo;
  steps: StepRepo;
  clock: Clock;
  defaultConcurrency: number;
  /** Tells the workers a run is queued. */
  onQueued: () => void;
  /** Tells the workers to stop a run they are executing. */
  onCancelled?: (runId: string) => void;
}

/** One call of a sub-workflow step. */
export interface ChildCall {
  workflowId: string;
  parentRunId: string;
  parentNodeId: string;
  /** Whether the step waits for the child's result. */
  waits: boolean;
  /** Becomes the child's `trigger.body`. */
  input: unknown;
  /** Names this call (one attempt of one step in one frame of one run): a repeat finds the same child. */
  callKey: string;
}

export type StartedChild = { ok: true; run: RunRow } | { ok: false; error: StepError };

const refuse = (code: string, message: string): StartedChild => ({ ok: false, error: { code, message, retryable: false } });

/**
 * Child runs of sub-workflow steps: started as an event, a run and a job in one transaction,
 * exactly once per call (the call key is the event's dedupe key, so a step re-run after a
 * crash finds the child it already started), then read back for their outcome.
 */
export function createChildRuns(d: ChildRunsDeps) {
  const tree = createRunTree({ runs: d.runs, jobs: d.jobs, onCancelled: d.onCancelled });

  const find = (workflowId: string, callKey: string): RunRow | undefined => {
    const original = d.events.originalRun(workflowId, callKey);
    return original && d.runs.get(original.runId);
  };

  return {
    find,
    /** Starts the child run of a call, or finds the one this call already started. */
    async start(call: ChildCall): Promise<StartedChild> {
      const now = d.clock.now();
      const outcome = await d.commits.run((): StartedChild & { created?: boolean } => {
        const parent = d.runs.get(call.parentRunId);
        if (!parent) return refuse('subworkflow_parent_missing', `The calling run ${call.parentRunId} is gone.`);
        const existing = find(call.workflowId, call.callKey);
        if (existing) return { ok: true, run: existing };
        const depth = parent.depth + 1;
        if (depth > MAX_SUBWORKFLOW_DEPTH) {
          return refuse('subworkflow_depth_exceeded', `Sub-workflows nest at most ${MAX_SUBWORKFLOW_DEPTH} deep and this call would be level ${depth}. Does a workflow call itself without a way to stop?`);
        }
        const wf = d.workflows.get(call.workflowId);
        const version = wf && d.versions(wf.id, wf.currentVersion);
        if (!wf || !version) return refuse('subworkflow_not_found', `There is no workflow with id "${call.workflowId}" to call.`);
        const eventId = newId('evt', now);
        const runId = newId('run', now);
        d.events.insert({
          id: eventId,
          workflowId: wf.id,
          nodeId: version.trigger.id,
          dedupeKey: call.callKey,
          method: 'CALL',
          path: '/subworkflow',
          query: {},
          headers: { 'content-type': 'application/json', 'x-switchyard-parent-run': call.parentRunId },
          body: Buffer.from(JSON.stringify(call.input ?? null)),
          receivedAt: now,
        });
        const lineage = { parent: { runId: parent.id, nodeId: call.parentNodeId, waits: call.waits }, depth, errorOf: parent.errorOf };
        d.runs.insert({ id: runId, workflowId: wf.id, version: wf.currentVersion, eventId, replayOf: null, createdAt: now, ...lineage });
        d.jobs.insert(runId, wf.id, now, version.definition.settings.concurrency ?? d.defaultConcurrency, now);
        const run = d.runs.get(runId);
        return run ? { ok: true, run, created: true } : refuse('subworkflow_not_started', 'The child run could not be stored.');
      });
      if (outcome.ok && outcome.created) d.onQueued();
      return outcome.ok ? { ok: true, run: outcome.run } : outcome;
    },
    /** What a succeeded child hands back to its caller (see child-runs-result.ts). */
    resultOf(child: RunRow): unknown {
      const version = d.versions(child.workflowId, child.version);
      const event = d.events.get(child.eventId);
      const input = version && event ? triggerData(event, version.trigger).body : null;
      return childResult(version, d.steps.forRun(child.id), input);
    },
    /** Cancels a child nobody waits for any more (its caller timed out), with the children it waits for. */
    async cancel(child: RunRow, message: string): Promise<void> {
      const now = d.clock.now();
      const done = await d.commits.run(() => {
        if (!d.runs.cancel(child.id, { code: 'cancelled', message }, now)) return false;
        d.jobs.cancelIdle(child.id, now);
        tree.cancelWaitedChildren(child.id, now);
        return true;
      });
      if (done) d.onCancelled?.(child.id);
    },
  };
}
export type ChildRuns = ReturnType<typeof createChildRuns>;
