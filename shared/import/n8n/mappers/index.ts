import type { NodeMapper } from '../mapper-types.js';
import { discord, emailSend, hubspot, mailchimp, microsoftTeams, pagerDuty, slack, twilio } from './apps.js';
import { codeNode, functionItem, functionNode } from './code.js';
import { executeWorkflow, noOp, set, splitInBatches, splitOut, stopAndError, wait } from './data.js';
import { httpRequest, respondToWebhook } from './http.js';
import { filter, ifNode, merge, switchNode } from './logic.js';
import { cron, executeWorkflowTrigger, manualTrigger, scheduleTrigger, webhook } from './triggers.js';

/** Mappers by n8n node type, without the `n8n-nodes-base.` prefix. */
export const mappers: Readonly<Record<string, NodeMapper>> = {
  webhook,
  manualTrigger,
  scheduleTrigger,
  cron,
  executeWorkflowTrigger,
  respondToWebhook,
  httpRequest,
  code: codeNode,
  function: functionNode,
  functionItem,
  if: ifNode,
  switch: switchNode,
  filter,
  set,
  merge,
  splitOut,
  splitInBatches,
  wait,
  noOp,
  stopAndError,
  executeWorkflow,
  slack,
  discord,
  microsoftTeams,
  hubspot,
  mailchimp,
  pagerDuty,
  twilio,
  emailSend,
};

/** The mapper of an n8n type (`n8n-nodes-base.slack`), or undefined. */
export function mapperFor(type: string): NodeMapper | undefined {
  const short = type.startsWith('n8n-nodes-base.') ? type.slice('n8n-nodes-base.'.length) : undefined;
  return short !== undefined && Object.hasOwn(mappers, short) ? mappers[short] : undefined;
}
