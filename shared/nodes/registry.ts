import type { NodeTypeDescriptor } from './define-node-type.js';
import { webhookNode } from './webhook.node.js';
import { httpNode } from './http.node.js';
import { filterNode } from './filter.node.js';
import { branchNode } from './branch.node.js';
import { respondNode } from './respond.node.js';
import { codeNode } from './code.node.js';
import { delayNode } from './delay.node.js';
import { manualNode } from './manual.node.js';
import { switchNode } from './switch.node.js';
import { loopNode } from './loop.node.js';
import { mergeNode } from './merge.node.js';
import { scheduleNode } from './schedule.node.js';
import { subworkflowNode } from './subworkflow.node.js';
import { subworkflowTriggerNode } from './subworkflow-trigger.node.js';
import { waitNode } from './wait.node.js';
import { approvalNode } from './approval.node.js';
import { datastoreNode } from './datastore.node.js';
import { formNode } from './form.node.js';
import { dedupeNode } from './dedupe.node.js';
import { appNodeTypes } from './apps/index.js';

/** Every node type, keyed by type id. Adding a type here without a runner fails the server's compile. */
export const nodeTypes = {
  webhook: webhookNode,
  manual: manualNode,
  http: httpNode,
  filter: filterNode,
  branch: branchNode,
  switch: switchNode,
  respond: respondNode,
  code: codeNode,
  delay: delayNode,
  loop: loopNode,
  merge: mergeNode,
  schedule: scheduleNode,
  subworkflow: subworkflowNode,
  subworkflowTrigger: subworkflowTriggerNode,
  wait: waitNode,
  approval: approvalNode,
  form: formNode,
  datastore: datastoreNode,
  dedupe: dedupeNode,
  ...appNodeTypes,
} as const;

export type NodeTypeId = keyof typeof nodeTypes;
export type NodeTypeRegistry = Readonly<Record<string, NodeTypeDescriptor>>;

/** Looks a type up without trusting the string. */
export function getNodeType(type: string): NodeTypeDescriptor | undefined {
  return Object.prototype.hasOwnProperty.call(nodeTypes, type) ? (nodeTypes as NodeTypeRegistry)[type] : undefined;
}
