// Records the contract suites build their data from (workflows, events), shared by every suite.
import { validateWorkflow } from '../../../../shared/graph/validate-workflow.js';
import type { WorkflowDefinition } from '../../../../shared/graph/workflow-schema.js';
import type { NewEvent } from '../../../../server/store/ports/runs.js';
import type { Store } from '../../../../server/store/ports/store.js';

export function definition(name: string, trigger = 'webhook'): WorkflowDefinition {
  const checked = validateWorkflow({ name, nodes: [{ id: 'in', type: trigger, position: { x: 0, y: 0 }, config: {} }], edges: [] });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  return checked.workflow;
}

export const event = (workflowId: string, over: Partial<NewEvent> = {}): NewEvent => ({
  workflowId,
  nodeId: 'in',
  dedupeKey: null,
  method: 'POST',
  path: '/hooks/x',
  query: { a: '1' },
  headers: { 'content-type': 'application/json' },
  body: Buffer.from('{"n":1}'),
  receivedAt: 1_000,
  ...over,
});

/** A fresh store from `factory` holding two inactive workflows, `wf` and `wf2`, each with a webhook `in`. */
export async function openWithTwoWorkflows(factory: () => Promise<{ store: Store; close: () => Promise<void> }>) {
  const opened = await factory();
  await opened.store.workflows.create('wf', definition('wf'), 0, null);
  await opened.store.workflows.create('wf2', definition('wf2'), 0, null);
  return opened;
}
