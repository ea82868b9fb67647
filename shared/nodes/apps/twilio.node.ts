import { z } from 'zod';
import { defineNodeType, singleOutput } from '../define-node-type.js';
import { appRetry, credentialIdField, requiredText } from './app-fields.js';
import { lazySchema } from '../../lazy-schema.js';

export const twilioConfigSchema = lazySchema(() =>
  z.object({
    credentialId: credentialIdField('A Twilio credential (account SID and auth token)'),
    from: requiredText('From', 'A Twilio phone number in E.164 form (+15017122661), or an alphanumeric sender id.', 64),
    to: requiredText('To', "The recipient's phone number in E.164 form, e.g. +15558675310.", 64),
    body: requiredText('Message', 'The SMS text; long messages are sent in several segments.', 1600),
    retry: appRetry,
  }),
);
export type TwilioConfig = z.infer<typeof twilioConfigSchema>;

export const twilioNode = defineNodeType({
  type: 'twilio',
  version: 1,
  title: 'Twilio SMS',
  description: "Sends an SMS through Twilio's Messages API.",
  category: 'apps',
  icon: '📱',
  kind: 'step',
  outputs: singleOutput,
  configSchema: twilioConfigSchema,
  defaults: { credentialId: '', from: '', to: '{{ trigger.body.phone }}', body: 'Thanks! We got your message.' },
  summarize: (c) => `SMS to ${c.to}`,
});
