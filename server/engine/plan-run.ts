import type { GraphIndex } from '../../shared/graph/graph-index.js';
import { edgeOutput } from '../../shared/graph/graph-index.js';
import type { StepStatus } from '../../shared/runs/run-status.js';
import type { WorkflowEdge } from '../../shared/graph/workflow-schema.js';

/** Where one node stands, from its latest stored attempt. */
export interface NodeProgress {
  status: StepStatus;
  /** Outputs that fired, for a succeeded node. */
  ports?: readonly string[];
  attempt: number;
  nextAttemptAt?: number;
  /** A parked (`waiting`) attempt's stored output: what its runner handed the wait (a wait step's deadline). */
  parkedOutput?: unknown;
}

/** What to do next with a run. */
export type RunPlan =
  /** `ready` nodes run (again, for a due retry), or resume (a due wait). */
  | { kind: 'run'; ready: string[]; skip: string[] }
  /** Nothing to start, but a node is still working (a loop running its items); `until` is the earliest wait, if any. */
  | { kind: 'busy'; until?: number; skip: string[] }
  | { kind: 'wait'; until: number; skip: string[] }
  | { kind: 'succeeded'; skip: string[] }
  | { kind: 'failed'; failedNode: string; skip: string[] };

const isFinal = (s: StepStatus | undefined) => s === 'succeeded' || s === 'failed' || s === 'skipped';

/**
 * Plans a run from its graph and the stored progress. Pure. A node is ready when every
 * incoming edge's source is final and at least one of those edges was taken (its source
 * succeeded and fired that output); when none was taken the node is skipped, which can
 * make its successors decidable in the same pass, so nodes are visited in topological order.
 * The trigger counts as succeeded. A failed node fails the run once nothing else is running.
 */
export interface PlanOptions {
  /** The outputs the entry fired: the trigger's `out`, a loop body's `item`. */
  entryPorts?: readonly string[];
  /** Nodes that start as soon as one incoming branch arrives (a Merge in `first` mode). */
  firstArrival?: ReadonlySet<string>;
}

export function planRun(graph: GraphIndex, order: readonly string[], triggerId: string, progress: ReadonlyMap<string, NodeProgress>, now: number, options: PlanOptions = {}): RunPlan {
  const status = new Map<string, StepStatus>();
  const ports = new Map<string, readonly string[]>();
  for (const [id, p] of progress) {
    status.set(id, p.status);
    if (p.ports) ports.set(id, p.ports);
  }
  status.set(triggerId, 'succeeded');
  if (!ports.has(triggerId)) ports.set(triggerId, options.entryPorts ?? ['out']);

  // A failure with outputs was handled by the step's onFailure setting: it does not fail the run.
  const failed = [...progress].find(([, p]) => p.status === 'failed' && !p.ports?.length)?.[0];
  const ready: string[] = [];
  const skip: string[] = [];
  let wakeAt = Infinity;
  let busy = false;
  const wasTaken = (e: WorkflowEdge) => (ports.get(e.source) ?? []).includes(edgeOutput(e)) && status.get(e.source) !== 'skipped';

  for (const id of order) {
    const current = status.get(id);
    if (isFinal(current)) continue;
    if (current === 'running') {
      busy = true;
      continue;
    }
    if (current === 'retrying' || current === 'waiting') {
      const at = progress.get(id)?.nextAttemptAt ?? now;
      if (at <= now) ready.push(id);
      else wakeAt = Math.min(wakeAt, at);
      continue;
    }
    const incoming = graph.incoming.get(id) ?? [];
    if (options.firstArrival?.has(id) && incoming.some(wasTaken)) {
      ready.push(id);
      continue;
    }
    if (!incoming.every((e) => isFinal(status.get(e.source)))) continue;
    const taken = incoming.some(wasTaken);
    if (taken) ready.push(id);
    else {
      skip.push(id);
      status.set(id, 'skipped');
    }
  }

  if (failed) return { kind: 'failed', failedNode: failed, skip };
  if (ready.length) return { kind: 'run', ready, skip };
  if (busy) return wakeAt === Infinity ? { kind: 'busy', skip } : { kind: 'busy', until: wakeAt, skip };
  if (wakeAt !== Infinity) return { kind: 'wait', until: wakeAt, skip };
  return { kind: 'succeeded', skip };
}

/** Node ids in an order where every edge points forward (the graph is validated acyclic). */
export function topologicalOrder(graph: GraphIndex): string[] {
  const indegree = new Map<string, number>();
  for (const [id, edges] of graph.incoming) indegree.set(id, edges.length);
  const queue = [...indegree].filter(([, d]) => d === 0).map(([id]) => id);
  const order: string[] = [];
  while (queue.length) {
    const id = queue.shift() as string;
    order.push(id);
    for (const e of graph.outgoing.get(id) ?? []) {
      const d = (indegree.get(e.target) ?? 0) - 1;
      indegree.set(e.target, d);
      if (d === 0) queue.push(e.target);
    }
  }
  return order;
}
