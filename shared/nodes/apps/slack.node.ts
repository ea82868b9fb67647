import { z } from 'zod';
import { defineNodeType, singleOutput } from '../define-node-type.js';
import { appRetry, credentialIdField, objectListOrExpression, optionalText, primary, requiredText, requireFor } from './app-fields.js';
import { lazySchema } from '../../lazy-schema.js';

export const slackOperations = ['webhook', 'postMessage'] as const;

export const slackConfigSchema = lazySchema(() =>
  z
    .object({
      operation: z.enum(slackOperations).meta({
        title: 'Send with',
        description: '"webhook": an incoming-webhook URL (posts to the channel it was made for). "postMessage": chat.postMessage with a bot token, to any channel the bot is in.',
      }),
      credentialId: credentialIdField('An Incoming webhook URL credential for "webhook", a Slack credential with a bot token for "postMessage"'),
      channel: optionalText('Channel', 'postMessage only: a channel name such as #sales, or an id such as C0123ABCD.', 200, primary),
      text: requiredText('Text', 'The message, in Slack mrkdwn. With blocks it is the notification and fallback text.', 40_000),
      blocks: objectListOrExpression('Blocks', 'Block Kit blocks (at most 50), or one {{ }} expression that yields them.', 50),
      threadTs: optionalText('Thread', 'The ts of a message to reply to in its thread.', 64),
      retry: appRetry,
    })
    .superRefine((c, ctx) => {
      if (c.operation === 'postMessage') requireFor(ctx, c.channel, 'channel', 'postMessage needs a channel (#name or an id).');
    }),
);
export type SlackConfig = z.infer<typeof slackConfigSchema>;

export const slackNode = defineNodeType({
  type: 'slack',
  version: 1,
  title: 'Slack message',
  description: 'Posts a message, with Block Kit blocks if you like, through an incoming webhook or chat.postMessage.',
  category: 'apps',
  icon: '💬',
  kind: 'step',
  outputs: singleOutput,
  configSchema: slackConfigSchema,
  defaults: { operation: 'webhook', credentialId: '', text: 'New event: {{ trigger.body.id }}' },
  summarize: (c) => (c.operation === 'postMessage' ? `chat.postMessage to ${c.channel ?? '?'}` : 'incoming webhook'),
});
