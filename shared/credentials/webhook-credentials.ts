import { z } from 'zod';
import { defineCredentialType } from './define-credential-type.js';
import { secretField, textField } from './field.js';
import { lazySchema } from '../lazy-schema.js';

/** The secret a sender signs webhooks with; `previousSecret` keeps working during a rotation. */
export const webhookSecretCredential = defineCredentialType({
  type: 'webhook-secret',
  title: 'Webhook signing secret',
  description: 'The secret a provider signs its webhooks with (Stripe whsec_…, GitHub, Shopify, Slack, PagerDuty, Standard Webhooks), or that outbound steps sign with.',
  app: 'webhooks',
  schema: lazySchema(() =>
    z.strictObject({
      secret: secretField('Secret', 'The current signing secret, exactly as the provider shows it.'),
      previousSecret: secretField('Previous secret', 'The secret being rotated out; signatures made with it are accepted too.').optional(),
      previousSecretExpiresAt: z
        .number()
        .int()
        .positive()
        .meta({
          title: 'Previous secret expires at',
          description: 'When the previous secret stops being accepted (your local time). Empty: accepted until you remove it.',
          // Stored as epoch milliseconds; forms show a date and time picker, never the number.
          format: 'epoch-ms',
        })
        .optional(),
    }),
  ),
  secretFields: ['secret', 'previousSecret'],
});

/** A user name and password that senders put in `Authorization: Basic`. */
export const basicCredential = defineCredentialType({
  type: 'basic',
  title: 'Basic auth',
  description: 'A user name and password that senders send as HTTP Basic authentication.',
  app: 'webhooks',
  schema: lazySchema(() =>
    z.strictObject({
      username: textField('User name', 'The user name; it may not contain a colon.', 256).regex(/^[^:]*$/, 'A Basic auth user name may not contain a colon.'),
      password: secretField('Password', 'The password.', 1024),
    }),
  ),
  secretFields: ['password'],
});

/** A shared value that senders put in a header (an API key or a bearer token). */
export const headerCredential = defineCredentialType({
  type: 'header',
  title: 'Header token',
  description: 'A value senders put in a header, e.g. `Authorization: Bearer …` or `X-Api-Key: …`.',
  app: 'webhooks',
  schema: lazySchema(() =>
    z.strictObject({
      name: textField('Header name', 'Which header carries the value; `authorization` when left empty.', 100)
        .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'A header name uses letters, digits and - _ . only.')
        .optional(),
      value: secretField('Value', 'The exact header value, e.g. `Bearer abc123`.'),
    }),
  ),
  secretFields: ['value'],
});

/** An incoming-webhook URL (Slack, Discord, Microsoft Teams): whoever knows it can post. */
export const webhookUrlCredential = defineCredentialType({
  type: 'webhook-url',
  title: 'Incoming webhook URL',
  description: 'A URL that accepts messages (Slack, Discord, Microsoft Teams incoming webhooks). The URL itself is the secret.',
  app: 'webhooks',
  schema: lazySchema(() =>
    z.strictObject({
      url: z
        .url({ protocol: /^https?$/, error: 'The URL must be a full https:// (or http://) address.' })
        .max(2048, 'The URL is longer than 2048 characters.')
        .meta({ title: 'URL', description: 'The full incoming-webhook URL.', writeOnly: true }),
    }),
  ),
  secretFields: ['url'],
});
