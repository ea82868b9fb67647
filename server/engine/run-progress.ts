import type { NodeProgress } from './plan-run.js';
import type { StepRecord } from './records.js';

/** A run's progress as the planner needs it: each node's latest attempt, and each succeeded node's output. */
export interface RunProgressState {
  progress: Map<string, NodeProgress>;
  outputs: Map<string, unknown>;
}

/** Folds stored attempts (any order) into the latest state per node. */
export function progressFrom(records: readonly StepRecord[]): RunProgressState {
  const progress = new Map<string, NodeProgress>();
  const outputs = new Map<string, unknown>();
  for (const r of [...records].sort((a, b) => a.attempt - b.attempt)) applyRecord({ progress, outputs }, r);
  return { progress, outputs };
}

/** Applies one stored attempt to the in-memory state. */
export function applyRecord(state: RunProgressState, r: StepRecord): void {
  const prev = state.progress.get(r.nodeId);
  if (prev && (prev.attempt > r.attempt || prev.status === 'succeeded')) return;
  state.progress.set(r.nodeId, { status: r.status, ports: r.ports, attempt: r.attempt, nextAttemptAt: r.nextAttemptAt, ...(r.status === 'waiting' ? { parkedOutput: r.output } : {}) });
  // A handled failure (onFailure continue/branch) passes `{error}` on like an output.
  if (r.status === 'succeeded' || (r.status === 'failed' && r.ports?.length)) state.outputs.set(r.nodeId, r.output);
}
