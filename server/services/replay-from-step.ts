import { reachableFrom, upstreamOf } from '../../shared/graph/graph-index.js';
import { planRun, type NodeProgress } from '../engine/plan-run.js';
import type { StepRecord } from '../engine/records.js';
import type { CompiledVersion } from '../engine/compiled-version.js';

/** Why a run cannot be replayed from a step, as `error.reason` of the 400. */
export type ReplayRefusalReason = 'replay_step_unknown' | 'replay_step_in_loop' | 'replay_upstream_missing' | 'replay_step_not_reached';

export type ReplayFromStepPlan = { ok: true; copies: StepRecord[] } | { ok: false; reason: ReplayRefusalReason; nodeId: string; message: string };

const topLevel = (r: StepRecord) => (r.frame ?? '') === '';
/** Final attempts that passed something on: successes, and failures handled by `onFailure`. */
const passedOn = (r: StepRecord) => r.status === 'succeeded' || (r.status === 'failed' && (r.ports?.length ?? 0) > 0);

/**
 * The records a replay from `fromNodeId` starts with. Pure. Every top-level step that is not
 * `fromNodeId` nor downstream of it keeps its old result (copied, marked `copiedFrom`), so the
 * new run starts at `fromNodeId` with the inputs it had. Refused when the step is not in the
 * version, sits inside a loop, or when a step upstream of it has no result to copy (it would
 * run again) or the copied results do not lead to it (a branch went the other way).
 */
export function planReplayFromStep(i: { oldRunId: string; records: readonly StepRecord[]; version: CompiledVersion; versionNumber: number; fromNodeId: string }): ReplayFromStepPlan {
  const { version, fromNodeId } = i;
  const root = version.frames.root;
  const label = (id: string) => `"${version.nodes.get(id)?.label ?? id}"`;
  if (!version.nodes.has(fromNodeId)) {
    return { ok: false, reason: 'replay_step_unknown', nodeId: fromNodeId, message: `Version ${i.versionNumber} of this workflow has no step "${fromNodeId}".` };
  }
  if (!root.graph.nodes.has(fromNodeId)) {
    return { ok: false, reason: 'replay_step_in_loop', nodeId: fromNodeId, message: `Step ${label(fromNodeId)} runs inside a loop; replay from the loop step instead.` };
  }
  if (fromNodeId === root.entryId) return { ok: true, copies: [] };

  const latest = new Map<string, StepRecord>();
  for (const r of i.records) {
    if (!topLevel(r) || !passedOn(r)) continue;
    const seen = latest.get(r.nodeId);
    if (!seen || seen.attempt < r.attempt) latest.set(r.nodeId, r);
  }
  const downstream = reachableFrom(root.graph, fromNodeId);
  const copies: StepRecord[] = [];
  const progress = new Map<string, NodeProgress>();
  for (const id of root.order) {
    const r = latest.get(id);
    if (id === root.entryId || downstream.has(id) || !r) continue;
    copies.push({ ...r, frame: '', detail: { ...r.detail, copiedFrom: i.oldRunId } });
    progress.set(id, { status: r.status, ports: r.ports, attempt: r.attempt });
  }

  // Plan the new run's first turn: every step before fromNodeId must be settled by the copies.
  const plan = planRun(root.graph, root.order, root.entryId, progress, 0, { firstArrival: version.firstArrival });
  const skipped = new Set(plan.skip);
  const upstream = upstreamOf(root.graph, fromNodeId);
  const missing = root.order.find((id) => upstream.has(id) && id !== root.entryId && !progress.has(id) && !skipped.has(id));
  if (missing) {
    return {
      ok: false,
      reason: 'replay_upstream_missing',
      nodeId: missing,
      message: `Step ${label(missing)}, before ${label(fromNodeId)}, has no succeeded result in run ${i.oldRunId} to reuse, so the replay cannot start at ${label(fromNodeId)}.`,
    };
  }
  if (plan.kind !== 'run' || !plan.ready.includes(fromNodeId)) {
    return {
      ok: false,
      reason: 'replay_step_not_reached',
      nodeId: fromNodeId,
      message: `Run ${i.oldRunId} never reached step ${label(fromNodeId)} (a branch before it went the other way), so there are no inputs to replay it with.`,
    };
  }
  return { ok: true, copies };
}
