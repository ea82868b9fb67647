import { useEffect, useMemo, useState } from 'react';
import { LOOP_ITEM_OUTPUT } from '../../../shared/nodes/loop.node.js';
import type { Step } from '../../api/types.js';
import { loopCounts } from '../../runs/run-frames.js';
import { stepsByNode } from '../../store/run-slice.js';
import { isStepNode } from '../../store/flow-types.js';
import { useApp } from '../../store/store-context.js';
import { useApi } from '../../ui/api-context.js';
import { loopMembers } from '../loop-bounds.js';

/**
 * Inside a loop's body, `steps.<loop>` is `{item, index, total}` and the body's steps have
 * outputs per item, which the run's top level does not hold. The data picker of a body step
 * shows them from the first item of the latest run instead.
 */

type EdgeLike = { id: string; source: string; target: string; sourceHandle?: string | null };

/** The loops a node sits in, outermost first. */
export function enclosingLoops(nodeId: string, nodes: readonly { id: string; nodeType: string }[], edges: readonly EdgeLike[]): string[] {
  return [...loopMembers(nodes, edges)]
    .filter(([, m]) => m.members.includes(nodeId))
    .sort(([, a], [, b]) => a.depth - b.depth)
    .map(([id]) => id);
}

/**
 * What a body step can read from the first item of each enclosing loop: each loop as
 * `{item, index: 0, total}` (the item is what the steps on its "Each item" output received)
 * and the outputs of the body's steps upstream of it. `frames[k]` holds the steps of item 0 of
 * `loops[k]`; `top` the run's top level. Pure.
 */
export function loopSamples(
  loops: readonly string[],
  top: Record<string, Step>,
  frames: readonly (Record<string, Step> | null)[],
  edges: readonly EdgeLike[],
  upstream: ReadonlySet<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  loops.forEach((loop, k) => {
    const steps = frames[k];
    if (!steps) return;
    for (const [id, s] of Object.entries(steps)) {
      if (id !== loop && upstream.has(id) && s.output !== undefined && s.output !== null) out[id] = s.output;
    }
    const firstSteps = edges.filter((e) => e.source === loop && e.sourceHandle === LOOP_ITEM_OUTPUT).map((e) => steps[e.target]);
    const item = firstSteps.find((s) => s?.input !== undefined && s.input !== null)?.input;
    const outer = k === 0 ? top[loop] : frames[k - 1]?.[loop];
    out[loop] = { item, index: 0, total: outer ? loopCounts(outer).total : undefined };
  });
  return out;
}

/** The picker's data for `nodeId`, with loop samples merged in when the node is inside a loop's body. */
export function useLoopPickerData(nodeId: string, base: Record<string, unknown>, upstream: readonly string[]): Record<string, unknown> {
  const api = useApi();
  const runId = useApp((s) => s.editorRun?.id);
  const top = useApp((s) => s.editorSteps);
  const nodes = useApp((s) => s.nodes);
  const edges = useApp((s) => s.edges);
  const typesKey = nodes
    .filter(isStepNode)
    .map((n) => `${n.id}:${n.data.nodeType}`)
    .join(',');
  const loops = useMemo(
    () =>
      enclosingLoops(
        nodeId,
        nodes.filter(isStepNode).map((n) => ({ id: n.id, nodeType: n.data.nodeType })),
        edges,
      ),
    [nodeId, typesKey, edges], // node types and edges decide membership; positions do not
  );
  const [frames, setFrames] = useState<(Record<string, Step> | null)[]>([]);
  const loopsKey = loops.join('/');
  useEffect(() => {
    setFrames([]);
    if (!runId || !loops.length) return;
    let stop = false;
    void (async () => {
      const got: (Record<string, Step> | null)[] = [];
      for (let k = 0; k < loops.length; k++) {
        const frame = loops
          .slice(0, k + 1)
          .map((l) => `${l}:0`)
          .join('/');
        try {
          got.push(stepsByNode(await api.runControl.get(runId, frame)));
        } catch {
          got.push(null);
        }
      }
      if (!stop) setFrames(got);
    })();
    return () => {
      stop = true;
    };
  }, [api, runId, loopsKey]);

  return useMemo(() => {
    if (!loops.length || !frames.length) return base;
    const samples = loopSamples(loops, top, frames, edges, new Set(upstream));
    const steps = base.steps && typeof base.steps === 'object' ? (base.steps as Record<string, unknown>) : {};
    return { ...base, steps: { ...steps, ...samples } };
  }, [base, loops, frames, top, edges, upstream]);
}
