import { z } from 'zod';
import { defineNodeType, singleOutput } from '../define-node-type.js';
import { appRetry, credentialIdField, optionalText, primary, requireFor, scalarMap } from './app-fields.js';
import { lazySchema } from '../../lazy-schema.js';

export const hubspotOperations = ['upsertContact', 'createDeal'] as const;

export const hubspotConfigSchema = lazySchema(() =>
  z
    .object({
      operation: z.enum(hubspotOperations).meta({
        title: 'Operation',
        description: '"upsertContact": create the contact with this email, or update it if it exists. "createDeal": create a deal, optionally associated with a contact.',
      }),
      credentialId: credentialIdField('A HubSpot credential (private app access token)'),
      email: optionalText('Email', "upsertContact: the contact's email address, which identifies it.", 320, primary),
      dealName: optionalText('Deal name', "createDeal: the deal's name.", 1000, primary),
      amount: z
        .union([z.string().max(100), z.number()])
        .optional()
        .meta({ title: 'Amount', description: 'createDeal: the deal amount, e.g. 1200.50.' }),
      pipeline: optionalText('Pipeline', 'createDeal: the pipeline id ("default" for the default pipeline).', 100),
      dealStage: optionalText('Deal stage', 'createDeal: the stage id, e.g. appointmentscheduled or closedwon.', 100),
      contactEmail: optionalText('Associate with contact', 'createDeal: the email of an existing contact to associate the deal with.', 320),
      properties: scalarMap('Properties', 'More HubSpot properties by internal name (firstname, lifecyclestage, hs_lead_status…).'),
      retry: appRetry,
    })
    .superRefine((c, ctx) => {
      if (c.operation === 'upsertContact') requireFor(ctx, c.email, 'email', "upsertContact needs the contact's email.");
      if (c.operation === 'createDeal') requireFor(ctx, c.dealName, 'dealName', 'createDeal needs a deal name.');
    }),
);
export type HubspotConfig = z.infer<typeof hubspotConfigSchema>;

export const hubspotNode = defineNodeType({
  type: 'hubspot',
  version: 1,
  title: 'HubSpot',
  description: 'Creates or updates a contact by email, or creates a deal (associated with a contact if you like), through the CRM v3 API.',
  category: 'apps',
  icon: '🧲',
  kind: 'step',
  outputs: singleOutput,
  configSchema: hubspotConfigSchema,
  defaults: { operation: 'upsertContact', credentialId: '', email: '{{ trigger.body.email }}', properties: {} },
  summarize: (c) => (c.operation === 'createDeal' ? `create deal ${c.dealName ?? ''}`.trim() : `upsert contact ${c.email ?? ''}`.trim()),
});
