import { MAX_SUBWORKFLOW_DEPTH } from '../../shared/nodes/subworkflow.node.js';
import type { StepError } from '../../shared/runs/run-status.js';
import type { Clock } from '../lib/clock.js';
import type { Store, StoreTx } from '../store/ports/store.js';
import { triggerData, type VersionCache } from '../executor/run-state.js';
import { createRunTree } from './child-runs-tree.js';
import { childResult } from './child-runs-result.js';
import type { RunRow } from '../engine/records.js';

export interface ChildRunsDeps {
  store: Store;
  versions: VersionCache;
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
  const tree = createRunTree({ onCancelled: d.onCancelled });

  const find = async (runs: StoreTx['runs'], workflowId: string, callKey: string): Promise<RunRow | undefined> => {
    const original = await runs.findByDedupeKey(workflowId, callKey);
    return original && runs.get(original.runId);
  };

  /** Inside the unit of `start`: the checks, then `startRun` with the call key as dedupe key. */
  const startIn = async (tx: StoreTx, call: ChildCall, now: number): Promise<StartedChild & { created?: boolean }> => {
    const parent = await tx.runs.get(call.parentRunId);
    if (!parent) return refuse('subworkflow_parent_missing', `The calling run ${call.parentRunId} is gone.`);
    const existing = await find(tx.runs, call.workflowId, call.callKey);
    if (existing) return { ok: true, run: existing };
    const depth = parent.depth + 1;
    if (depth > MAX_SUBWORKFLOW_DEPTH) {
      return refuse('subworkflow_depth_exceeded', `Sub-workflows nest at most ${MAX_SUBWORKFLOW_DEPTH} deep and this call would be level ${depth}. Does a workflow call itself without a way to stop?`);
    }
    const wf = await tx.workflows.get(call.workflowId);
    // The callee's published version; one never published runs its draft (it needs no activation to be called).
    const liveVersion = wf ? (wf.publishedVersion ?? wf.currentVersion) : 0;
    const version = wf && (await d.versions(wf.id, liveVersion));
    if (!wf || !version) return refuse('subworkflow_not_found', `There is no workflow with id "${call.workflowId}" to call.`);
    const started = await tx.runs.startRun({
      workflowId: wf.id,
      version: liveVersion,
      concurrency: version.definition.settings.concurrency ?? d.defaultConcurrency,
      now,
      lineage: { parent: { runId: parent.id, nodeId: call.parentNodeId, waits: call.waits }, depth, errorOf: parent.errorOf },
      event: {
        kind: 'new',
        event: {
          workflowId: wf.id,
          nodeId: version.trigger.id,
          dedupeKey: call.callKey,
          method: 'CALL',
          path: '/subworkflow',
          query: {},
          headers: { 'content-type': 'application/json', 'x-switchyard-parent-run': call.parentRunId },
          body: Buffer.from(JSON.stringify(call.input ?? null)),
          receivedAt: now,
        },
      },
    });
    const run = started.kind === 'started' ? await tx.runs.get(started.runId) : undefined;
    return run ? { ok: true, run, created: true } : refuse('subworkflow_not_started', 'The child run could not be stored.');
  };

  return {
    find: (workflowId: string, callKey: string) => find(d.store.runs, workflowId, callKey),
    /** Starts the child run of a call, or finds the one this call already started. */
    async start(call: ChildCall): Promise<StartedChild> {
      const now = d.clock.now();
      const outcome = await d.store.write((tx) => startIn(tx, call, now));
      if (outcome.ok && outcome.created) d.onQueued();
      return outcome.ok ? { ok: true, run: outcome.run } : outcome;
    },
    /** What a succeeded child hands back to its caller (see child-runs-result.ts). */
    async resultOf(child: RunRow): Promise<unknown> {
      const version = await d.versions(child.workflowId, child.version);
      const event = await d.store.runs.getEvent(child.eventId);
      const input = version && event ? triggerData(event, version.trigger).body : null;
      return childResult(version, await d.store.steps.forRun(child.id), input);
    },
    /** Cancels a child nobody waits for any more (its caller timed out), with the children it waits for. */
    async cancel(child: RunRow, message: string): Promise<void> {
      const now = d.clock.now();
      const done = await d.store.write(async (tx) => {
        if (!(await tx.runs.cancel(child.id, { code: 'cancelled', message }, now))) return false;
        await tx.jobs.cancelIdle(child.id, now);
        await tree.cancelWaitedChildren(tx, child.id, now);
        return true;
      });
      if (done) d.onCancelled?.(child.id);
    },
  };
}
export type ChildRuns = ReturnType<typeof createChildRuns>;
