import type { Connection } from '@xyflow/react';
import type { NodeTypeDescriptor } from '../../shared/nodes/define-node-type.js';
import { outputsOf } from './catalog.js';
import { isStepNode, type FlowEdge, type FlowNode } from './flow-types.js';

type Lookup = (type: string) => Pick<NodeTypeDescriptor, 'kind'> | undefined;

/** Why a connection is refused, or undefined when the canvas may make it. */
export function connectionProblem(c: Connection, nodes: readonly FlowNode[], edges: readonly FlowEdge[], lookup: Lookup): string | undefined {
  if (!c.source || !c.target) return 'Connect an output to an input.';
  if (c.source === c.target) return 'A node cannot connect to itself.';
  const source = nodes.find((n) => n.id === c.source);
  const target = nodes.find((n) => n.id === c.target);
  if (!source || !target || !isStepNode(source) || !isStepNode(target)) return 'Only steps can be connected.';
  const targetType = lookup(target.data.nodeType);
  if (targetType?.kind === 'trigger') return 'Nothing can connect into a trigger.';
  const outputs = outputsOf(source.data.nodeType, source.data.config, source.data.onFailure);
  const handle = c.sourceHandle ?? outputs[0]?.id;
  if (!outputs.some((o) => o.id === handle)) return `That node has no output "${handle ?? ''}".`;
  if (edges.some((e) => e.source === c.source && (e.sourceHandle ?? outputs[0]?.id) === handle && e.target === c.target)) {
    return 'These nodes are already connected this way.';
  }
  if (reaches(c.target, c.source, edges)) return 'That would make a loop; runs must flow one way.';
  return undefined;
}

/** True when `to` can be reached from `from` along edges (used to refuse cycles before they exist). */
export function reaches(from: string, to: string, edges: readonly FlowEdge[]): boolean {
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length) {
    const id = stack.pop() as string;
    if (id === to) return true;
    for (const next of out.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

/** Ids of every node upstream of `id` (whose output it may read), nearest first. */
export function upstreamIds(edges: readonly FlowEdge[], id: string): string[] {
  const incoming = new Map<string, string[]>();
  for (const e of edges) incoming.set(e.target, [...(incoming.get(e.target) ?? []), e.source]);
  const seen = new Set<string>();
  const queue = [id];
  while (queue.length) {
    for (const s of incoming.get(queue.shift() as string) ?? []) {
      if (!seen.has(s) && s !== id) {
        seen.add(s);
        queue.push(s);
      }
    }
  }
  return [...seen];
}
