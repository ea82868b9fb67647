import { discordNode } from './discord.node.js';
import { emailNode } from './email.node.js';
import { hubspotNode } from './hubspot.node.js';
import { mailchimpNode } from './mailchimp.node.js';
import { pagerdutyNode } from './pagerduty.node.js';
import { slackNode } from './slack.node.js';
import { teamsNode } from './teams.node.js';
import { twilioNode } from './twilio.node.js';

/** The app actions (issue 6), keyed by type id; the registry spreads them in. */
export const appNodeTypes = {
  slack: slackNode,
  discord: discordNode,
  teams: teamsNode,
  hubspot: hubspotNode,
  mailchimp: mailchimpNode,
  pagerduty: pagerdutyNode,
  twilio: twilioNode,
  email: emailNode,
} as const;

export type AppNodeTypeId = keyof typeof appNodeTypes;
