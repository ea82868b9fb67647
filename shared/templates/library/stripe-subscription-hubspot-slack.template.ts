import { defineTemplate } from '../define-template.js';
import { hubspotApp, slackBot, slackChannelInput, stripeSecret } from './common-credentials.js';
import { edge } from './common-graph.js';
import { stripeSubscriptionDeleted } from '../samples/stripe.samples.js';

/** The facts a customer-success team wants about a churned subscription. */
const churnCode = `const sub = trigger.body.data.object;
const item = sub.items?.data?.[0] ?? {};
const price = item.price ?? item.plan ?? {};
const cents = (price.unit_amount ?? price.amount ?? 0) * (item.quantity ?? 1);
const details = sub.cancellation_details ?? {};
return {
  email: String(sub.metadata?.email ?? '').trim().toLowerCase(),
  customer: sub.customer,
  plan: price.nickname || price.id || 'a subscription',
  monthlyValue: (cents / 100).toFixed(2),
  currency: String(sub.currency ?? '').toUpperCase(),
  reason: details.feedback || details.reason || 'not given',
  comment: details.comment || '',
  endedOn: new Date((sub.ended_at ?? sub.canceled_at ?? trigger.body.created) * 1000).toISOString().slice(0, 10),
};`;

export const stripeSubscriptionHubspotSlack = defineTemplate({
  id: 'stripe-subscription-cancelled-crm-slack',
  name: 'Stripe subscription cancelled → HubSpot + Slack',
  description:
    'When a Stripe subscription ends, marks the customer as churned in HubSpot (contact properties subscription_status, churn_reason, churn_date) and tells your customer-success channel in Slack why they left.',
  category: 'payments',
  tags: ['stripe', 'hubspot', 'slack', 'churn', 'crm', 'subscriptions'],
  trigger: {
    provider: 'Stripe',
    events: ['customer.subscription.deleted'],
    auth: 'stripe',
    setup:
      'In Stripe, open Developers → Webhooks → Add endpoint, paste the trigger URL and select customer.subscription.deleted. The customer\'s email is read from the subscription\'s metadata "email" (set it at checkout); in HubSpot, create the contact properties subscription_status, churn_reason and churn_date.',
  },
  credentials: [stripeSecret, hubspotApp('crm.objects.contacts.read and crm.objects.contacts.write'), slackBot],
  inputs: [slackChannelInput('#customer-success')],
  workflow: {
    nodes: [
      { id: 'stripe', type: 'webhook', label: 'Stripe event', position: { x: 0, y: 0 }, config: { auth: { kind: 'signature', preset: 'stripe', credentialId: '[[credentials.stripeSecret]]' } } },
      {
        id: 'cancelled',
        type: 'filter',
        label: 'Subscription ended?',
        position: { x: 280, y: 0 },
        config: { combinator: 'and', rules: [{ field: 'trigger.body.type', operator: 'equals', value: 'customer.subscription.deleted' }] },
      },
      { id: 'churn', type: 'code', label: 'Churn details', position: { x: 560, y: 0 }, config: { code: churnCode } },
      { id: 'has_email', type: 'filter', label: 'Email known?', position: { x: 840, y: -100 }, config: { combinator: 'and', rules: [{ field: 'steps.churn.email', operator: 'is_not_empty' }] } },
      {
        id: 'crm',
        type: 'hubspot',
        label: 'Mark churned in HubSpot',
        position: { x: 1120, y: -100 },
        config: {
          operation: 'upsertContact',
          credentialId: '[[credentials.hubspot]]',
          email: '{{ steps.churn.email }}',
          properties: { subscription_status: 'canceled', churn_reason: '{{ steps.churn.reason }}', churn_date: '{{ steps.churn.endedOn }}' },
        },
      },
      {
        id: 'slack',
        type: 'slack',
        label: 'Tell customer success',
        position: { x: 840, y: 100 },
        config: {
          operation: 'postMessage',
          credentialId: '[[credentials.slack]]',
          channel: '[[inputs.channel]]',
          text: ':wave: {{ steps.churn.email || steps.churn.customer }} cancelled {{ steps.churn.plan }} ({{ steps.churn.monthlyValue }} {{ steps.churn.currency }}/month). Reason: {{ steps.churn.reason }}. {{ steps.churn.comment }}',
        },
      },
    ],
    edges: [edge('stripe', 'cancelled'), edge('cancelled', 'churn'), edge('churn', 'has_email'), edge('has_email', 'crm'), edge('churn', 'slack')],
  },
  samples: [stripeSubscriptionDeleted],
});
