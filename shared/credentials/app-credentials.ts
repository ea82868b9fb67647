import { z } from 'zod';
import { defineCredentialType } from './define-credential-type.js';
import { secretField, textField } from './field.js';
import { lazySchema } from '../lazy-schema.js';

const atLeastOne =
  (fields: readonly string[], message: string) =>
  (value: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    if (!fields.some((f) => value[f] !== undefined)) ctx.addIssue({ code: 'custom', message, path: [] });
  };

/** Slack: a bot token for `chat.postMessage`, a signing secret for Events API triggers, or both. */
export const slackCredential = defineCredentialType({
  type: 'slack',
  title: 'Slack',
  description: 'A Slack app: its bot token (xoxb-…) to post messages, and its signing secret to verify events it sends.',
  app: 'slack',
  schema: lazySchema(() =>
    z
      .strictObject({
        botToken: secretField('Bot token', 'The bot user OAuth token, starting with xoxb-.', 512)
          .regex(/^xox[bp]-/, 'A bot token starts with xoxb- (or xoxp- for a user token).')
          .optional(),
        signingSecret: secretField('Signing secret', "From the app's Basic Information page; verifies requests Slack sends.", 512).optional(),
      })
      .superRefine(atLeastOne(['botToken', 'signingSecret'], 'Give a bot token, a signing secret, or both.')),
  ),
  secretFields: ['botToken', 'signingSecret'],
});

/** HubSpot: a private app's access token; the client secret verifies HubSpot's own webhooks. */
export const hubspotCredential = defineCredentialType({
  type: 'hubspot',
  title: 'HubSpot',
  description: 'A HubSpot private app access token (pat-…) with the CRM scopes the actions need.',
  app: 'hubspot',
  schema: lazySchema(() =>
    z.strictObject({
      accessToken: secretField('Access token', 'The private app access token.', 512),
      clientSecret: secretField('Client secret', "The app's client secret, used to verify webhooks HubSpot sends.", 512).optional(),
    }),
  ),
  secretFields: ['accessToken', 'clientSecret'],
});

/** Twilio: the account SID and auth token; the token also signs Twilio's webhooks. */
export const twilioCredential = defineCredentialType({
  type: 'twilio',
  title: 'Twilio',
  description: 'A Twilio account SID (AC…) and its auth token. The auth token also verifies the webhooks Twilio sends.',
  app: 'twilio',
  schema: lazySchema(() =>
    z.strictObject({
      accountSid: textField('Account SID', 'Starts with AC, from the Twilio console.', 64).regex(/^AC[0-9a-fA-F]{32}$/, 'An account SID is AC followed by 32 hexadecimal characters.'),
      authToken: secretField('Auth token', 'The primary auth token.', 256),
    }),
  ),
  secretFields: ['authToken'],
});

/** PagerDuty: an Events API v2 routing key, a REST API token, or both. */
export const pagerdutyCredential = defineCredentialType({
  type: 'pagerduty',
  title: 'PagerDuty',
  description: 'An Events API v2 integration (routing) key to trigger, acknowledge and resolve alerts, and optionally a REST API token.',
  app: 'pagerduty',
  schema: lazySchema(() =>
    z
      .strictObject({
        routingKey: secretField('Routing key', 'The integration key of an Events API v2 integration.', 256).optional(),
        apiToken: secretField('REST API token', 'A REST API key, for actions that need one.', 256).optional(),
      })
      .superRefine(atLeastOne(['routingKey', 'apiToken'], 'Give a routing key, a REST API token, or both.')),
  ),
  secretFields: ['routingKey', 'apiToken'],
});

/** Mailchimp: an API key; its suffix (e.g. `-us21`) is the datacenter the API lives in. */
export const mailchimpCredential = defineCredentialType({
  type: 'mailchimp',
  title: 'Mailchimp',
  description: 'A Mailchimp Marketing API key. The datacenter is read from its end (…-us21).',
  app: 'mailchimp',
  schema: lazySchema(() =>
    z.strictObject({
      apiKey: secretField('API key', 'The API key, ending in the datacenter such as -us21.', 256).regex(/^[A-Za-z0-9]+-[a-z]+\d+$/, 'A Mailchimp API key ends in its datacenter, e.g. …-us21.'),
    }),
  ),
  secretFields: ['apiKey'],
});

/** The datacenter of a Mailchimp API key (`…-us21` -> `us21`), or null for a malformed key. */
export function mailchimpDatacenter(apiKey: string): string | null {
  return /-([a-z]+\d+)$/.exec(apiKey)?.[1] ?? null;
}

/** An SMTP server the person runs or rents, for email steps. */
export const smtpCredential = defineCredentialType({
  type: 'smtp',
  title: 'SMTP server',
  description: 'An SMTP server to send email through.',
  app: 'email',
  schema: lazySchema(() =>
    z.strictObject({
      host: textField('Host', "The SMTP server's host name.", 255),
      port: z.number().int().min(1).max(65535).default(587).meta({ title: 'Port', description: '587 (STARTTLS) or 465 (TLS) usually.' }),
      secure: z.boolean().default(false).meta({ title: 'TLS from the start', description: 'On for port 465; off to upgrade with STARTTLS.' }),
      username: textField('User name', 'The login, when the server needs one.', 256).optional(),
      password: secretField('Password', 'The password or app password.', 1024).optional(),
      from: textField('From address', 'The sender, e.g. "Shop <shop@example.com>".', 320),
    }),
  ),
  secretFields: ['password'],
});
