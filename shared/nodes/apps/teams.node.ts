import { z } from 'zod';
import { defineNodeType, singleOutput } from '../define-node-type.js';
import { appRetry, credentialIdField, optionalText, requiredText, scalarMap } from './app-fields.js';
import { lazySchema } from '../../lazy-schema.js';

export const teamsConfigSchema = lazySchema(() =>
  z.object({
    credentialId: credentialIdField('An Incoming webhook URL credential holding the Teams (Workflows) webhook URL'),
    title: requiredText('Title', "The card's heading.", 1000),
    text: requiredText('Text', "The card's body (Adaptive Card markdown).", 20_000),
    facts: scalarMap('Facts', 'Name and value pairs shown as a table under the text.'),
    linkUrl: optionalText('Link', 'A URL the card\'s "Open" button leads to.', 2048),
    retry: appRetry,
  }),
);
export type TeamsConfig = z.infer<typeof teamsConfigSchema>;

export const teamsNode = defineNodeType({
  type: 'teams',
  version: 1,
  title: 'Microsoft Teams message',
  description: 'Posts an Adaptive Card with a title, text and facts to a Teams channel through an incoming webhook.',
  category: 'apps',
  icon: '👥',
  kind: 'step',
  outputs: singleOutput,
  configSchema: teamsConfigSchema,
  defaults: { credentialId: '', title: 'New event', text: '{{ trigger.body.id }}' },
  summarize: (c) => c.title,
});
