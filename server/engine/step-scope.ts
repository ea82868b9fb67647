import type { GraphIndex } from '../../shared/graph/graph-index.js';
import { edgeOutput } from '../../shared/graph/graph-index.js';
import type { NodeProgress } from './plan-run.js';
import type { StepScope } from './step-types.js';

/**
 * The data a node sees: the trigger, every earlier step's output by node id (`visible`, which
 * includes the frame's entry), and as `input` the output of the first incoming edge that was
 * taken; an edge from the frame's entry hands on `entryInput` (the trigger data, or a loop's
 * current item). Pure.
 */
export function buildStepScope(
  graph: GraphIndex,
  nodeId: string,
  trigger: StepScope['trigger'],
  entryId: string,
  entryInput: unknown,
  visible: ReadonlyMap<string, unknown>,
  progress: ReadonlyMap<string, NodeProgress>,
): StepScope {
  const steps: Record<string, unknown> = {};
  // defineProperty: a node id such as "__proto__" is an ordinary key here, never the prototype.
  for (const [id, output] of visible) Object.defineProperty(steps, id, { value: output, enumerable: true, writable: true, configurable: true });
  const taken = (graph.incoming.get(nodeId) ?? []).find((e) => {
    if (e.source === entryId) return true;
    const p = progress.get(e.source);
    return (p?.status === 'succeeded' || p?.status === 'failed') && (p.ports ?? []).includes(edgeOutput(e));
  });
  const input = !taken ? undefined : taken.source === entryId ? entryInput : steps[taken.source];
  return { trigger, input, steps };
}
