import { Position, type NodeHandle } from '@xyflow/react';
import { getNodeType } from '../../shared/nodes/registry.js';
import { outputsOf } from './catalog.js';
import { isStepNode, type FlowNode } from './flow-types.js';
import { DEFAULT_NODE_SIZE } from './layout.js';

/**
 * From this many steps the canvas draws only the nodes in view (React Flow's
 * onlyRenderVisibleElements): a 300-step workflow then opens as fast as a small one. Below it
 * every node stays in the page, so Tab reaches each step.
 */
export const VIRTUALIZE_FROM = 100;

/** Whether a graph is drawn in view only (see VIRTUALIZE_FROM). */
export const drawnInViewOnly = (nodes: readonly FlowNode[]): boolean => nodes.length >= VIRTUALIZE_FROM;

/** The handle's drawn size (client/styles/editor.css: 12 px and its border). */
const HANDLE = 12;

/**
 * A step's size and handles as drawn, estimated before it is: React Flow measures a node by
 * drawing it, so without an estimate it draws every node of a large workflow on open, in view or
 * not. The width is a half pixel off the real one on purpose: React Flow reports a measured size
 * only when it differs, and that report is when the estimate is dropped (dropEstimate).
 */
export function withEstimatedSize(n: FlowNode): FlowNode {
  if (!isStepNode(n)) return n;
  const { width, height } = DEFAULT_NODE_SIZE;
  const outputs = outputsOf(n.data.nodeType, n.data.config, n.data.onFailure);
  const handles: NodeHandle[] = [
    ...(getNodeType(n.data.nodeType)?.kind === 'trigger'
      ? []
      : [{ id: 'in', type: 'target' as const, position: Position.Left, x: -HANDLE / 2, y: height / 2 - HANDLE / 2, width: HANDLE, height: HANDLE }]),
    ...outputs.map((o, i) => ({
      id: o.id,
      type: 'source' as const,
      position: Position.Right,
      x: width - HANDLE / 2,
      y: (height * (i + 1)) / (outputs.length + 1) - HANDLE / 2,
      width: HANDLE,
      height: HANDLE,
    })),
  ];
  return { ...n, measured: { width: width - 0.5, height }, handles };
}

/** A measured node keeps React Flow's measured handles: the estimated ones go. */
export function dropEstimate(n: FlowNode): FlowNode {
  if (!n.handles) return n;
  const { handles: _estimate, ...rest } = n;
  return rest as FlowNode;
}
