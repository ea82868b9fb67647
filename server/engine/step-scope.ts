import type { GraphIndex } from '../../shared/graph/graph-index.js';
import { edgeOutput } from '../../shared/graph/graph-index.js';
import type { StepScope } from '../runners/runner.js';
import type { NodeProgress } from './plan-run.js';

/**
 * The data a node sees: the trigger, every earlier step's output by node id, and as `input`
 * the output of the first incoming edge that was taken. Pure.
 */
export function buildStepScope(
  graph: GraphIndex,
  nodeId: string,
  trigger: StepScope['trigger'],
  triggerId: string,
  outputs: ReadonlyMap<string, unknown>,
  progress: ReadonlyMap<string, NodeProgress>,
): StepScope {
  const steps: Record<string, unknown> = { [triggerId]: trigger };
  for (const [id, output] of outputs) steps[id] = output;
  const taken = (graph.incoming.get(nodeId) ?? []).find((e) => {
    if (e.source === triggerId) return true;
    const p = progress.get(e.source);
    return (p?.status === 'succeeded' || p?.status === 'failed') && (p.ports ?? []).includes(edgeOutput(e));
  });
  const input = taken ? steps[taken.source] : undefined;
  return { trigger, input, steps };
}
