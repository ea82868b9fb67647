import { z } from 'zod';
import { defineNodeType, singleOutput } from '../define-node-type.js';
import { appRetry, credentialIdField, requiredText, scalarMap } from './app-fields.js';
import { lazySchema } from '../../lazy-schema.js';

export const mailchimpStatuses = ['subscribed', 'pending', 'unsubscribed'] as const;

export const mailchimpConfigSchema = lazySchema(() =>
  z.object({
    credentialId: credentialIdField('A Mailchimp credential (API key; its datacenter picks the server)'),
    listId: requiredText('Audience id', "The audience (list) id, from the audience's settings.", 100),
    email: requiredText('Email', "The member's email address.", 320),
    status: z.enum(mailchimpStatuses).default('subscribed').meta({
      title: 'Status for new members',
      description: '"pending" sends a confirmation email first (double opt-in).',
    }),
    applyStatusToExisting: z.boolean().default(false).meta({
      title: 'Also set the status of existing members',
      description: 'Off: people already in the audience keep their status (an unsubscribed person is not re-subscribed).',
    }),
    mergeFields: scalarMap('Merge fields', 'Audience fields by merge tag, e.g. FNAME, LNAME.'),
    tags: z.array(z.string().min(1).max(100)).max(50).optional().meta({ title: 'Tags', description: 'Tags to add to the member.' }),
    retry: appRetry,
  }),
);
export type MailchimpConfig = z.infer<typeof mailchimpConfigSchema>;

export const mailchimpNode = defineNodeType({
  type: 'mailchimp',
  version: 1,
  title: 'Mailchimp member',
  description: 'Adds a person to a Mailchimp audience, or updates them if they are in it already.',
  category: 'apps',
  icon: '🐵',
  kind: 'step',
  outputs: singleOutput,
  configSchema: mailchimpConfigSchema,
  defaults: { credentialId: '', listId: '', email: '{{ trigger.body.email }}', status: 'subscribed' },
  summarize: (c) => `${c.status} in ${c.listId}`,
});
