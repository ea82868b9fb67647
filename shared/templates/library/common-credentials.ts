import type { TemplateCredential } from '../define-template.js';

/**
 * Credentials several templates ask for, with where to find each value in the provider's
 * dashboard. Templates use them as they are or with another key or label.
 */

export const stripeSecret: TemplateCredential = {
  key: 'stripeSecret',
  type: 'webhook-secret',
  label: 'Stripe signing secret',
  help: 'Stripe dashboard → Developers → Webhooks → your endpoint → Signing secret → Reveal (starts with whsec_).',
};

export const githubSecret: TemplateCredential = {
  key: 'githubSecret',
  type: 'webhook-secret',
  label: 'GitHub webhook secret',
  help: 'A random string you choose; enter the same value in GitHub → repository Settings → Webhooks → Secret.',
};

export const shopifySecret: TemplateCredential = {
  key: 'shopifySecret',
  type: 'webhook-secret',
  label: 'Shopify webhook signing key',
  help: 'Shopify admin → Settings → Notifications → Webhooks: the key shown under "Your webhooks will be signed with…" (for an app: Partner dashboard → App → Client credentials → Client secret).',
};

export const slackBot: TemplateCredential = {
  key: 'slack',
  type: 'slack',
  label: 'Slack bot',
  help: 'api.slack.com/apps → your app → OAuth & Permissions → Bot User OAuth Token (xoxb-…); the app needs the chat:write scope and must be invited to the channel.',
};

export const slackWebhook: TemplateCredential = {
  key: 'slackWebhook',
  type: 'webhook-url',
  label: 'Slack incoming webhook',
  help: 'api.slack.com/apps → your app → Incoming Webhooks → Add New Webhook to Workspace → pick the channel → copy the https://hooks.slack.com/services/… URL.',
};

export const teamsWebhook: TemplateCredential = {
  key: 'teamsWebhook',
  type: 'webhook-url',
  label: 'Teams incoming webhook',
  help: 'In Teams, open the channel → ⋯ → Workflows → "Post to a channel when a webhook request is received" (or Connectors → Incoming Webhook) → copy the URL.',
};

export const hubspotApp = (scopes: string): TemplateCredential => ({
  key: 'hubspot',
  type: 'hubspot',
  label: 'HubSpot private app',
  help: `HubSpot → Settings → Integrations → Private Apps → Create a private app with the scopes ${scopes} → Auth → Access token (pat-…).`,
});

export const twilioAccount: TemplateCredential = {
  key: 'twilio',
  type: 'twilio',
  label: 'Twilio account',
  help: 'Twilio Console → Account → API keys & tokens (or the Account Info box on the Console home): Account SID (AC…) and Auth Token.',
};

export const smtpServer: TemplateCredential = {
  key: 'smtp',
  type: 'smtp',
  label: 'SMTP server',
  help: "Your email provider's SMTP settings (host, port, user, password and the From address), e.g. Postmark, SendGrid, Mailgun or Google Workspace → SMTP relay.",
};

/** A Slack channel name or id, as the Slack inputs of several templates take it. */
export const slackChannelInput = (fallback: string) => ({
  key: 'channel',
  kind: 'text' as const,
  label: 'Slack channel',
  help: 'A channel name such as #general, or a channel id (C0123ABCD). Invite the bot to it first.',
  default: fallback,
  pattern: '#[a-z0-9_-]{1,80}|[CG][A-Z0-9]{6,}',
  patternMessage: 'Slack channel must be #name (lower case) or a channel id such as C0123ABCD.',
});
