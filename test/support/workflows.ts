import type { WorkflowDefinitionInput } from '../../shared/graph/workflow-schema.js';

type Node = WorkflowDefinitionInput['nodes'][number];

/** A node at a position derived from its index; tests only care about ids, types and configs. */
export const node = (id: string, type: string, config: Record<string, unknown> = {}, x = 0): Node => ({ id, type, position: { x, y: 0 }, config });
export const edge = (source: string, target: string, sourceHandle?: string) => ({ id: `${source}-${sourceHandle ?? 'out'}-${target}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) });

/** webhook -> http posting `body` to `url`. */
export const hookToHttp = (url: string, body: unknown = { n: '{{ trigger.body.n }}' }, name = 'hook to http'): WorkflowDefinitionInput => ({
  name,
  nodes: [node('hook', 'webhook'), node('out', 'http', { method: 'POST', url, headers: { 'content-type': 'application/json' }, body }, 250)],
  edges: [edge('hook', 'out')],
});
