import type { FlowEdge, FlowNode } from './flow-types.js';

/**
 * Where keyboard focus belongs after the selection is deleted, decided before it goes: the source
 * step of a deleted connection when that step stays, else the step feeding a deleted step, else
 * none (the caller then focuses the canvas). Never the top of the page.
 */
export function focusAfterDelete(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): string | undefined {
  const gone = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
  const stays = (id: string) => !gone.has(id) && nodes.some((n) => n.id === id);
  const fromEdge = edges.find((e) => e.selected && stays(e.source));
  if (fromEdge) return fromEdge.source;
  return edges.find((e) => gone.has(e.target) && stays(e.source))?.source;
}
