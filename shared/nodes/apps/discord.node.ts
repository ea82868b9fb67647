import { z } from 'zod';
import { defineNodeType, singleOutput } from '../define-node-type.js';
import { appRetry, credentialIdField, objectListOrExpression, optionalText, primary } from './app-fields.js';
import { lazySchema } from '../../lazy-schema.js';

export const discordConfigSchema = lazySchema(() =>
  z
    .object({
      credentialId: credentialIdField('An Incoming webhook URL credential holding the Discord webhook URL'),
      content: z
        .string()
        .max(2000, 'Discord allows at most 2000 characters.')
        .default('')
        .meta({ title: 'Content', description: 'The message text (Discord markdown). May be empty when embeds are given.', ...primary }),
      username: optionalText('Username', "Shown instead of the webhook's own name.", 80),
      avatarUrl: optionalText('Avatar URL', "An image shown instead of the webhook's own avatar.", 2048),
      embeds: objectListOrExpression('Embeds', 'Discord embed objects (at most 10), or one {{ }} expression that yields them.', 10),
      retry: appRetry,
    })
    .superRefine((c, ctx) => {
      if (c.content.trim() === '' && c.embeds === undefined) ctx.addIssue({ code: 'custom', path: ['content'], message: 'Give content, embeds, or both.' });
    }),
);
export type DiscordConfig = z.infer<typeof discordConfigSchema>;

export const discordNode = defineNodeType({
  type: 'discord',
  version: 1,
  title: 'Discord message',
  description: 'Posts a message, with embeds if you like, to a Discord channel through its webhook.',
  category: 'apps',
  icon: '🎮',
  kind: 'step',
  outputs: singleOutput,
  configSchema: discordConfigSchema,
  defaults: { credentialId: '', content: 'New event: {{ trigger.body.id }}' },
  summarize: (c) => (c.username ? `as ${c.username}` : 'webhook message'),
});
