import { defineTemplate } from '../define-template.js';
import { cartAbandonedEmail, cartAbandonedSms } from '../samples/cart.samples.js';
import { smtpServer, twilioAccount } from './common-credentials.js';
import { edge } from './common-graph.js';

const cart = 'trigger.body.data';

export const abandonedCartReminder = defineTemplate({
  id: 'abandoned-cart-reminder',
  name: 'Abandoned cart → delayed reminder (SMS or email)',
  description:
    'When your store reports an abandoned checkout, waits a while, then reminds the shopper with a link back to their cart: by SMS through Twilio if they agreed to texts, otherwise by email.',
  category: 'e-commerce',
  tags: ['e-commerce', 'abandoned cart', 'twilio', 'sms', 'email', 'delay', 'standard webhooks'],
  trigger: {
    provider: 'Your store (Standard Webhooks)',
    events: ['checkout.abandoned'],
    auth: 'standard-webhooks',
    setup:
      'Point your store\'s "checkout.abandoned" webhook at the trigger URL and sign it the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature; Svix does this) with the whsec_… secret of the credential.',
  },
  credentials: [
    {
      key: 'storeSecret',
      type: 'webhook-secret',
      label: 'Store webhook secret',
      help: 'The whsec_… signing secret your store or Svix shows for this endpoint (Svix: Webhooks → Endpoints → Signing Secret).',
    },
    twilioAccount,
    smtpServer,
  ],
  inputs: [
    { key: 'delay', kind: 'duration', label: 'Wait before reminding', help: 'How long after the abandoned checkout to send the reminder, e.g. 1h, 30m or 1d.', default: '1h' },
    { key: 'storeName', kind: 'text', label: 'Store name', help: 'Used in the reminder text.', placeholder: 'Acme Outfitters', maxLength: 80 },
    { key: 'smsFrom', kind: 'phone', label: 'SMS sender number', help: 'A Twilio number of yours in E.164 form (Twilio Console → Phone Numbers → Active numbers).', placeholder: '+14155550100' },
  ],
  workflow: {
    nodes: [
      {
        id: 'store',
        type: 'webhook',
        label: 'Store event',
        position: { x: 0, y: 0 },
        config: { auth: { kind: 'signature', preset: 'standard-webhooks', credentialId: '[[credentials.storeSecret]]' } },
      },
      {
        id: 'abandoned',
        type: 'filter',
        label: 'Checkout abandoned?',
        position: { x: 280, y: 0 },
        config: { combinator: 'and', rules: [{ field: 'trigger.body.type', operator: 'equals', value: 'checkout.abandoned' }] },
      },
      { id: 'wait', type: 'delay', label: 'Wait', position: { x: 560, y: 0 }, config: { mode: 'duration', duration: '[[inputs.delay]]' } },
      {
        id: 'sms_ok',
        type: 'branch',
        label: 'Agreed to SMS?',
        position: { x: 840, y: 0 },
        config: {
          combinator: 'and',
          rules: [
            { field: `${cart}.customer.phone`, operator: 'is_not_empty' },
            { field: `${cart}.customer.sms_consent`, operator: 'is_true' },
          ],
        },
      },
      {
        id: 'sms',
        type: 'twilio',
        label: 'Text reminder',
        position: { x: 1120, y: -100 },
        config: {
          credentialId: '[[credentials.twilio]]',
          from: '[[inputs.smsFrom]]',
          to: `{{ ${cart}.customer.phone }}`,
          body: `Hi {{ ${cart}.customer.first_name }}, your cart at [[inputs.storeName]] is still waiting: {{ ${cart}.recovery_url }} Reply STOP to opt out.`,
        },
      },
      {
        id: 'email',
        type: 'email',
        label: 'Email reminder',
        position: { x: 1120, y: 100 },
        config: {
          credentialId: '[[credentials.smtp]]',
          to: `{{ ${cart}.customer.email }}`,
          subject: '[[inputs.storeName]]: you left something in your cart',
          text: `Hi {{ ${cart}.customer.first_name || "there" }},\n\nyou left these in your cart:\n{{ ${cart}.items.map((i) => "- " + i.quantity + " × " + i.title).join("\\n") }}\n\nTotal: {{ ${cart}.total }} {{ ${cart}.currency }}\nPick up where you left off: {{ ${cart}.recovery_url }}\n\n[[inputs.storeName]]`,
        },
      },
    ],
    edges: [edge('store', 'abandoned'), edge('abandoned', 'wait'), edge('wait', 'sms_ok'), edge('sms_ok', 'sms', 'true'), edge('sms_ok', 'email', 'false')],
  },
  samples: [cartAbandonedSms, cartAbandonedEmail],
});
