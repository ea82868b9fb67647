import { defineTemplate } from '../define-template.js';
import { twilioInboundSms } from '../samples/twilio.samples.js';
import { hubspotApp, twilioAccount } from './common-credentials.js';
import { edge } from './common-graph.js';

export const twilioSmsCrmReply = defineTemplate({
  id: 'twilio-sms-crm-autoreply',
  name: 'Inbound SMS → HubSpot + auto-reply',
  description:
    "Answers every text message to your Twilio number at once with an auto-reply (TwiML), and logs the message in HubSpot as a new deal in your pipeline, with the sender's number and the text, so nobody misses a lead.",
  category: 'messaging',
  tags: ['twilio', 'sms', 'hubspot', 'crm', 'auto-reply', 'twiml'],
  trigger: {
    provider: 'Twilio',
    events: ['incoming message'],
    auth: 'twilio',
    setup:
      'In the Twilio Console, open Phone Numbers → Manage → Active numbers → your number → Messaging configuration: "A message comes in" → Webhook, HTTP POST, the trigger URL. Twilio signs the exact URL, so Switchyard\'s PUBLIC_URL must be the address Twilio calls.',
  },
  credentials: [twilioAccount, hubspotApp('crm.objects.deals.write')],
  inputs: [
    {
      key: 'reply',
      kind: 'text',
      label: 'Auto-reply',
      help: 'The text sent back to everyone who writes (one SMS is 160 characters).',
      default: 'Thanks for your message! We will get back to you shortly.',
      maxLength: 640,
    },
    {
      key: 'pipeline',
      kind: 'text',
      label: 'HubSpot deal pipeline',
      help: 'The pipeline id (HubSpot → Settings → Objects → Deals → Pipelines); "default" is the Sales Pipeline.',
      default: 'default',
      maxLength: 100,
    },
    {
      key: 'dealStage',
      kind: 'text',
      label: 'HubSpot deal stage',
      help: 'The stage id new messages start in, e.g. appointmentscheduled (the first stage of the default pipeline).',
      default: 'appointmentscheduled',
      maxLength: 100,
    },
  ],
  workflow: {
    nodes: [
      {
        id: 'sms',
        type: 'webhook',
        label: 'Incoming SMS',
        position: { x: 0, y: 0 },
        config: { bodyFormat: 'form', respond: 'respond-step', respondTimeoutMs: 10_000, auth: { kind: 'signature', preset: 'twilio', credentialId: '[[credentials.twilio]]' } },
      },
      {
        id: 'reply',
        type: 'respond',
        label: 'Auto-reply (TwiML)',
        position: { x: 280, y: -100 },
        config: {
          status: 200,
          headers: { 'content-type': 'text/xml; charset=utf-8' },
          body: '<?xml version="1.0" encoding="UTF-8"?><Response><Message>[[inputs.reply|xml]]</Message></Response>',
        },
      },
      {
        id: 'crm',
        type: 'hubspot',
        label: 'Log in HubSpot',
        position: { x: 280, y: 100 },
        config: {
          operation: 'createDeal',
          credentialId: '[[credentials.hubspot]]',
          dealName: 'SMS from {{ trigger.body.From }}',
          pipeline: '[[inputs.pipeline]]',
          dealStage: '[[inputs.dealStage]]',
          properties: { description: '{{ trigger.body.Body }}\n\nFrom {{ trigger.body.From }} ({{ trigger.body.FromCity }}, {{ trigger.body.FromCountry }})' },
        },
      },
    ],
    edges: [edge('sms', 'reply'), edge('sms', 'crm')],
  },
  samples: [twilioInboundSms],
});
