import type { WorkflowDefinition, WorkflowNode } from '../../shared/graph/workflow-schema.js';
import { indexGraph, type GraphIndex } from '../../shared/graph/graph-index.js';
import { layoutFrames, type Frame } from '../../shared/graph/frames.js';
import { loopNode } from '../../shared/nodes/loop.node.js';
import { mergeConfigSchema, mergeNode } from '../../shared/nodes/merge.node.js';
import { topologicalOrder } from './plan-run.js';

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
