import type { WorkflowDefinition, WorkflowNode } from '../../shared/graph/workflow-schema.js';
import { indexGraph, type GraphIndex } from '../../shared/graph/graph-index.js';
import { getNodeType } from '../../shared/nodes/registry.js';
import { layoutFrames, type Frame } from '../../shared/graph/frames.js';
import { loopNode } from '../../shared/nodes/loop.node.js';
import { mergeConfigSchema, mergeNode } from '../../shared/nodes/merge.node.js';
import { webhookConfigSchema } from '../../shared/nodes/webhook.node.js';
import type { StoredEvent } from '../db/event-repo.js';
import type { RunRow } from '../db/run-repo.js';
import type { StepRecord } from '../db/step-repo.js';
import type { WorkflowRepo } from '../db/workflow-repo.js';
import { topologicalOrder, type NodeProgress } from '../engine/plan-run.js';
import { parseBody } from '../ingest/parse-body.js';
import type { StepScope } from '../runners/runner.js';

/** A frame (the top level or a loop body) ready to plan: its graph and a topological order of it. */
export interface CompiledFrame {
  entryId: string;
  graph: GraphIndex;
  order: string[];
}

/** A workflow version prepared for execution once and reused by every run pinned to it. */
export interface CompiledVersion {
  definition: WorkflowDefinition;
  /** The whole graph and its order, loop bodies included. */
  graph: GraphIndex;
  order: string[];
  trigger: WorkflowNode;
  nodes: ReadonlyMap<string, WorkflowNode>;
  /** The top level, and each loop's body by the loop's id: what the executor plans. */
  frames: { root: CompiledFrame; bodies: ReadonlyMap<string, CompiledFrame> };
  /** Merge steps in `first` mode: ready as soon as one branch arrives. */
  firstArrival: ReadonlySet<string>;
}

/** Plans each frame of a version once. */
export function compileVersion(definition: WorkflowDefinition, trigger: WorkflowNode): CompiledVersion {
  const graph = indexGraph(definition);
  const loops = definition.nodes.filter((n) => n.type === loopNode.type).map((n) => n.id);
  const layout = layoutFrames(definition, trigger.id, loops);
  const compile = (f: Frame): CompiledFrame => ({ entryId: f.entryId, graph: f.graph, order: topologicalOrder(f.graph) });
  const firstArrival = new Set(definition.nodes.filter((n) => n.type === mergeNode.type && mergeConfigSchema.safeParse(n.config).data?.mode === 'first').map((n) => n.id));
  return {
    definition,
    graph,
    order: topologicalOrder(graph),
    trigger,
    nodes: graph.nodes,
    frames: { root: compile(layout.root), bodies: new Map([...layout.bodies].map(([id, f]) => [id, compile(f)])) },
    firstArrival,
  };
}

/** Compiles versions on demand; versions are immutable, so the cache never goes stale. */
export function createVersionCache(workflows: WorkflowRepo, max = 500) {
  const cache = new Map<string, CompiledVersion>();
  return (workflowId: string, version: number): CompiledVersion | undefined => {
    const key = `${workflowId}@${version}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const v = workflows.getVersion(workflowId, version);
    if (!v) return undefined;
    const trigger = v.definition.nodes.find((n) => getNodeType(n.type)?.kind === 'trigger');
    if (!trigger) return undefined;
    const compiled = compileVersion(v.definition, trigger);
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(key, compiled);
    return compiled;
  };
}
export type VersionCache = ReturnType<typeof createVersionCache>;

/** The trigger data every step sees, rebuilt from the stored raw request with the same parser ingest used. */
export function triggerData(event: StoredEvent, triggerNode: WorkflowNode): StepScope['trigger'] {
  const config = webhookConfigSchema.safeParse(triggerNode.config);
  const format = config.success ? config.data.bodyFormat : 'auto';
  const parsed = parseBody(event.body, event.headers['content-type'], format);
  return {
    method: event.method,
    path: event.path,
    headers: event.headers,
    query: event.query,
    body: parsed.ok ? parsed.body : event.body.toString('utf8'),
  };
}

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
  state.progress.set(r.nodeId, { status: r.status, ports: r.ports, attempt: r.attempt, nextAttemptAt: r.nextAttemptAt });
  // A handled failure (onFailure continue/branch) passes `{error}` on like an output.
  if (r.status === 'succeeded' || (r.status === 'failed' && r.ports?.length)) state.outputs.set(r.nodeId, r.output);
}

export type { RunRow };
