import { z } from 'zod';
import { defineNodeType, singleOutput } from '../define-node-type.js';
import { appRetry, credentialIdField, optionalText, requiredText } from './app-fields.js';
import { lazySchema } from '../../lazy-schema.js';

export const emailConfigSchema = lazySchema(() =>
  z.object({
    credentialId: credentialIdField('An SMTP server credential; its "from" address is the sender'),
    to: requiredText('To', 'One address or several separated by commas, e.g. "Ana <ana@example.com>, bo@example.com".', 4000),
    cc: optionalText('Cc', 'Addresses that get a copy.', 4000),
    bcc: optionalText('Bcc', 'Addresses that get a hidden copy.', 4000),
    replyTo: optionalText('Reply to', 'Where replies go, when not to the sender.', 320),
    subject: requiredText('Subject', 'The subject line.', 998),
    text: requiredText('Text', 'The plain-text body.', 1_000_000),
    html: optionalText('HTML', 'An HTML body, shown instead of the text by mail programs that can.', 1_000_000),
    retry: appRetry,
  }),
);
export type EmailConfig = z.infer<typeof emailConfigSchema>;

export const emailNode = defineNodeType({
  type: 'email',
  version: 1,
  title: 'Send email',
  description: 'Sends an email through an SMTP server you configure.',
  category: 'apps',
  icon: '✉️',
  kind: 'step',
  outputs: singleOutput,
  configSchema: emailConfigSchema,
  defaults: { credentialId: '', to: '{{ trigger.body.email }}', subject: 'Thanks for signing up', text: 'Hello!' },
  summarize: (c) => `to ${c.to}`,
});
