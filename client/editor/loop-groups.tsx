import { useEdges, useNodes, ViewportPortal } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { getNodeType } from '../../shared/nodes/registry.js';
import { isStepNode, type FlowNode } from '../store/flow-types.js';
import { useRunView } from './canvas-mode.js';
import { DEFAULT_NODE_SIZE } from '../store/layout.js';
import { loopGroups, loopMembers, type PlacedNode } from './loop-bounds.js';
import { Repeat } from 'lucide-react';

/**
 * A tinted box behind each loop's body, captioned with the loop's name, so people see which
 * steps repeat per item. Drawn in flow coordinates behind nodes and edges; it takes no clicks.
 * Works on any React Flow (the editor and a run's read-only graph).
 */
function LoopGroupsView() {
  const nodes = useNodes<FlowNode>();
  const openItems = useRunView()?.openItems;
  const edges = useEdges();
  const steps = useMemo(() => nodes.filter(isStepNode), [nodes]);
  const hasLoop = steps.some((n) => n.data.nodeType === 'loop');
  // Membership changes only with the graph's shape, not with every drag.
  const shape = hasLoop ? `${steps.map((n) => `${n.id}:${n.data.nodeType}`).join(',')}|${edges.map((e) => `${e.source}>${e.sourceHandle ?? ''}>${e.target}`).join(',')}` : '';
  const members = useMemo(
    () =>
      hasLoop
        ? loopMembers(
            steps.map((n) => ({ id: n.id, nodeType: n.data.nodeType })),
            edges,
          )
        : new Map(),
    [shape], // stands for the steps' ids and types and the edges
  );
  const groups = useMemo(() => {
    if (!members.size) return [];
    const placed: PlacedNode[] = steps.map((n) => ({
      id: n.id,
      nodeType: n.data.nodeType,
      box: { x: n.position.x, y: n.position.y, width: n.measured?.width ?? n.width ?? DEFAULT_NODE_SIZE.width, height: n.measured?.height ?? n.height ?? DEFAULT_NODE_SIZE.height },
    }));
    return loopGroups(members, placed);
  }, [members, steps]);
  if (!groups.length) return null;
  const labelOf = (id: string) => {
    const n = steps.find((s) => s.id === id);
    return n?.data.label ?? getNodeType(n?.data.nodeType ?? '')?.title ?? id;
  };
  return (
    <ViewportPortal>
      {groups.map((g) => (
        <div
          key={g.loopId}
          className={`loop-group depth-${Math.min(g.depth, 3)}`}
          data-testid={`loop-group-${g.loopId}`}
          aria-hidden="true"
          style={{ transform: `translate(${g.box.x}px, ${g.box.y}px)`, width: g.box.width, height: g.box.height }}
        >
          <span className="loop-group-caption">
            <Repeat size={12} aria-hidden="true" /> For each item · {labelOf(g.loopId)}
            {openItems?.[g.loopId] !== undefined ? <span className="loop-group-item"> · showing item {(openItems[g.loopId] ?? 0) + 1}</span> : null}
          </span>
        </div>
      ))}
    </ViewportPortal>
  );
}

export const LoopGroups = memo(LoopGroupsView);
