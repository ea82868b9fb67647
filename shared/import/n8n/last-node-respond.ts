import type { WorkflowEdge, WorkflowNode } from '../../graph/workflow-schema.js';
import { assignIds } from './ids.js';
import type { N8nNode } from './n8n-export-schema.js';
import type { NodeReport } from './report.js';

/**
 * n8n's Webhook "When last node finishes": the caller gets the first item of the node that ran
 * last. With one final node that is known before the run, so a Respond step after it does the
 * same; with several (branches) which one ends last depends on the data, and a person decides.
 */
function respondAfterLastNode(
  trigger: N8nNode | undefined,
  triggerId: string,
  nodes: readonly WorkflowNode[],
  edges: readonly WorkflowEdge[],
  /** What the n8n json of a node's output is read as (`input`, `input.body`). */
  inputRootAfter: (id: string) => string,
): { node: WorkflowNode; edge: WorkflowEdge } | { problem: string } | undefined {
  if (trigger?.type !== 'n8n-nodes-base.webhook' || trigger.parameters.responseMode !== 'lastNode') return undefined;
  if (nodes.some((n) => n.type === 'respond')) return undefined;
  const reached = new Set<string>([triggerId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const e of edges) if (reached.has(e.source) && !reached.has(e.target) && reached.add(e.target)) grew = true;
  }
  const leaves = [...reached].filter((id) => !edges.some((e) => e.source === id));
  const leaf = nodes.find((n) => n.id === leaves[0]);
  if (leaves.length !== 1 || !leaf || leaf.id === triggerId)
    return { problem: "n8n answered with the last node's output, and which node ends last depends on the data here: add a Respond step where the answer is ready" };
  const options = (trigger.parameters.options ?? {}) as Record<string, unknown>;
  const data = String(trigger.parameters.responseData ?? options.responseData ?? 'firstEntryJson');
  const root = inputRootAfter(leaf.id);
  const body = data === 'noData' ? '' : data === 'allEntries' ? `{{ [].concat(${root}) }}` : `{{ [].concat(${root})[0] }}`;
  const code = typeof trigger.parameters.responseCode === 'number' ? trigger.parameters.responseCode : 200;
  const id = assignIds(['Respond with last node'], new Set(nodes.map((n) => n.id)))[0] ?? 'respond_with_last_node';
  return {
    node: { id, type: 'respond', position: { x: leaf.position.x + 220, y: leaf.position.y }, label: 'Respond with last node', config: { status: code, headers: {}, body } },
    edge: { id: `${leaf.id}-out-${id}`, source: leaf.id, target: id },
  };
}

export interface LastNodeParts {
  trigger: N8nNode | undefined;
  triggerId: string;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  reports: NodeReport[];
  outputRootOf: (id: string) => string;
}

/** Adds the Respond step (and its report line) where n8n answered with the last node, or says why a person must. */
export function addRespondAfterLastNode({ trigger, triggerId, nodes, edges, reports, outputRootOf }: LastNodeParts): void {
  const respond = respondAfterLastNode(trigger, triggerId, nodes, edges, outputRootOf);
  if (!respond) return;
  if ('problem' in respond) {
    const r = reports.find((x) => x.nodeId === triggerId);
    if (r) {
      r.fidelity = 'manual';
      r.notes.push(respond.problem);
    }
    return;
  }
  nodes.push(respond.node);
  edges.push(respond.edge);
  reports.push({
    n8nName: '(none)',
    n8nType: '(added)',
    nodeId: respond.node.id,
    switchyardType: 'respond',
    fidelity: 'approximated',
    notes: ["answers the webhook's caller with the last node's output, as n8n's \"When last node finishes\""],
  });
}
