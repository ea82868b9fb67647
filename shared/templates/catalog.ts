import { templateCategories, type TemplateCategory, type WorkflowTemplate } from './define-template.js';
import { abandonedCartReminder } from './library/abandoned-cart-reminder.template.js';
import { formMailchimpWelcome } from './library/form-mailchimp-welcome.template.js';
import { githubIssueTeams } from './library/github-issue-teams.template.js';
import { githubPrDiscord } from './library/github-pr-discord.template.js';
import { githubPushDeploy } from './library/github-push-deploy.template.js';
import { pagerdutyIncidentSlackTeams } from './library/pagerduty-incident-slack-teams.template.js';
import { shopifyLowStock } from './library/shopify-low-stock.template.js';
import { shopifyOrderHubspotSlack } from './library/shopify-order-hubspot-slack.template.js';
import { stripePaymentSlack } from './library/stripe-payment-slack.template.js';
import { stripeSubscriptionHubspotSlack } from './library/stripe-subscription-hubspot-slack.template.js';
import { twilioSmsCrmReply } from './library/twilio-sms-crm-reply.template.js';
import { uptimePagerduty } from './library/uptime-pagerduty.template.js';

/** Every template of the gallery, in the order it shows them (by category, then as listed). */
export const templates: readonly WorkflowTemplate[] = [
  stripePaymentSlack,
  stripeSubscriptionHubspotSlack,
  githubPrDiscord,
  githubPushDeploy,
  githubIssueTeams,
  shopifyOrderHubspotSlack,
  shopifyLowStock,
  abandonedCartReminder,
  pagerdutyIncidentSlackTeams,
  uptimePagerduty,
  twilioSmsCrmReply,
  formMailchimpWelcome,
].sort((a, b) => templateCategories.indexOf(a.category) - templateCategories.indexOf(b.category));

/** A template by id, or undefined. */
export function getTemplate(id: string): WorkflowTemplate | undefined {
  return templates.find((t) => t.id === id);
}

/** What the gallery lists per template: enough for a card, the wizard's questions and a preview of the graph. */
export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  category: TemplateCategory;
  tags: readonly string[];
  trigger: WorkflowTemplate['trigger'];
  credentials: WorkflowTemplate['credentials'];
  inputs: WorkflowTemplate['inputs'];
  /** The node types used, in graph order (the trigger first), for app icons on the card. */
  nodeTypes: string[];
  preview: {
    nodes: Array<{ id: string; type: string; label?: string; position: { x: number; y: number } }>;
    edges: Array<{ id: string; source: string; target: string; sourceHandle?: string | null }>;
  };
}

/** A template without its configs and samples. */
export function summarizeTemplate(t: WorkflowTemplate): TemplateSummary {
  const nodes = t.workflow.nodes.map((n) => ({ id: n.id, type: n.type, ...(n.label ? { label: n.label } : {}), position: n.position }));
  const edges = (t.workflow.edges ?? []).map((e) => ({ id: e.id, source: e.source, target: e.target, ...(e.sourceHandle ? { sourceHandle: e.sourceHandle } : {}) }));
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    category: t.category,
    tags: t.tags,
    trigger: t.trigger,
    credentials: t.credentials,
    inputs: t.inputs,
    nodeTypes: [...new Set(nodes.map((n) => n.type))],
    preview: { nodes, edges },
  };
}
