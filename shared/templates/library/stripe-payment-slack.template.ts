import { defineTemplate } from '../define-template.js';
import { slackWebhook, stripeSecret } from './common-credentials.js';
import { edge } from './common-graph.js';
import { stripePaymentFailed, stripePaymentSucceeded } from '../samples/stripe.samples.js';

/** Formats a PaymentIntent's amount; zero-decimal currencies (JPY, KRW…) are not divided by 100. */
const formatCode = `const pi = trigger.body.data.object;
const zeroDecimal = ['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf'];
const received = pi.amount_received ?? pi.amount;
const amount = zeroDecimal.includes(pi.currency) ? String(received) : (received / 100).toFixed(2);
return {
  amount,
  currency: String(pi.currency).toUpperCase(),
  customer: pi.receipt_email || pi.customer || 'a customer',
  description: pi.description || '',
  url: \`https://dashboard.stripe.com/\${trigger.body.livemode ? '' : 'test/'}payments/\${pi.id}\`,
};`;

export const stripePaymentSlack = defineTemplate({
  id: 'stripe-payment-succeeded-slack',
  name: 'Stripe payment succeeded → Slack',
  description: 'Posts every successful Stripe payment to a Slack channel: amount, currency, customer and a link to the payment in the Stripe dashboard.',
  category: 'payments',
  tags: ['stripe', 'slack', 'payments', 'notifications'],
  trigger: {
    provider: 'Stripe',
    events: ['payment_intent.succeeded'],
    auth: 'stripe',
    setup: 'In Stripe, open Developers → Webhooks → Add endpoint, paste the trigger URL and select the event payment_intent.succeeded.',
  },
  credentials: [stripeSecret, slackWebhook],
  inputs: [],
  workflow: {
    nodes: [
      { id: 'stripe', type: 'webhook', label: 'Stripe event', position: { x: 0, y: 0 }, config: { auth: { kind: 'signature', preset: 'stripe', credentialId: '[[credentials.stripeSecret]]' } } },
      {
        id: 'succeeded',
        type: 'filter',
        label: 'Payment succeeded?',
        position: { x: 280, y: 0 },
        config: { combinator: 'and', rules: [{ field: 'trigger.body.type', operator: 'equals', value: 'payment_intent.succeeded' }] },
      },
      { id: 'format', type: 'code', label: 'Format amount', position: { x: 560, y: 0 }, config: { code: formatCode } },
      {
        id: 'slack',
        type: 'slack',
        label: 'Post to Slack',
        position: { x: 840, y: 0 },
        config: {
          operation: 'webhook',
          credentialId: '[[credentials.slackWebhook]]',
          text: ':moneybag: Payment of {{ steps.format.amount }} {{ steps.format.currency }} from {{ steps.format.customer }} succeeded.',
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: ':moneybag: *{{ steps.format.amount }} {{ steps.format.currency }}* from {{ steps.format.customer }}\n{{ steps.format.description }}' } },
            { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Stripe' }, url: '{{ steps.format.url }}' }] },
          ],
        },
      },
    ],
    edges: [edge('stripe', 'succeeded'), edge('succeeded', 'format'), edge('format', 'slack')],
  },
  samples: [stripePaymentSucceeded, stripePaymentFailed],
});
