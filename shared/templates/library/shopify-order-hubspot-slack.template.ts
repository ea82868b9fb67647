import { defineTemplate } from '../define-template.js';
import { hubspotApp, shopifySecret, slackBot, slackChannelInput } from './common-credentials.js';
import { edge } from './common-graph.js';
import { shopifyOrderCreated } from '../samples/shopify.samples.js';

export const shopifyOrderHubspotSlack = defineTemplate({
  id: 'shopify-order-hubspot-slack',
  name: 'Shopify order → HubSpot contact + Slack',
  description: 'For every new Shopify order, creates or updates the buyer as a HubSpot contact, records the order as a deal in your pipeline, and posts the sale to a Slack channel.',
  category: 'e-commerce',
  tags: ['shopify', 'hubspot', 'slack', 'orders', 'crm', 'sales'],
  trigger: {
    provider: 'Shopify',
    events: ['orders/create'],
    auth: 'shopify',
    setup: 'In the Shopify admin, open Settings → Notifications → Webhooks → Create webhook: event "Order creation", format JSON, and the trigger URL.',
  },
  credentials: [shopifySecret, hubspotApp('crm.objects.contacts.write and crm.objects.deals.write'), slackBot],
  inputs: [
    slackChannelInput('#sales'),
    {
      key: 'pipeline',
      kind: 'text',
      label: 'HubSpot deal pipeline',
      help: 'The pipeline id (HubSpot → Settings → Objects → Deals → Pipelines); "default" is the Sales Pipeline.',
      default: 'default',
      maxLength: 100,
    },
    { key: 'dealStage', kind: 'text', label: 'HubSpot deal stage', help: 'The stage id for paid orders, e.g. closedwon in the default pipeline.', default: 'closedwon', maxLength: 100 },
  ],
  workflow: {
    nodes: [
      { id: 'shopify', type: 'webhook', label: 'Shopify webhook', position: { x: 0, y: 0 }, config: { auth: { kind: 'signature', preset: 'shopify', credentialId: '[[credentials.shopifySecret]]' } } },
      {
        id: 'order',
        type: 'filter',
        label: 'New order?',
        position: { x: 280, y: 0 },
        config: { combinator: 'and', rules: [{ field: 'trigger.headers["x-shopify-topic"]', operator: 'equals', value: 'orders/create' }] },
      },
      // Point-of-sale orders may have no email: they are still announced, but not sent to HubSpot.
      { id: 'has_email', type: 'filter', label: 'Buyer email?', position: { x: 560, y: -100 }, config: { combinator: 'and', rules: [{ field: 'trigger.body.email', operator: 'is_not_empty' }] } },
      {
        id: 'contact',
        type: 'hubspot',
        label: 'Upsert contact',
        position: { x: 840, y: -100 },
        config: {
          operation: 'upsertContact',
          credentialId: '[[credentials.hubspot]]',
          email: '{{ trigger.body.email }}',
          properties: {
            firstname: '{{ trigger.body.customer.first_name }}',
            lastname: '{{ trigger.body.customer.last_name }}',
            phone: '{{ trigger.body.customer.phone }}',
            city: '{{ trigger.body.billing_address.city }}',
            country: '{{ trigger.body.billing_address.country }}',
          },
        },
      },
      {
        id: 'deal',
        type: 'hubspot',
        label: 'Create deal',
        position: { x: 1120, y: -100 },
        config: {
          operation: 'createDeal',
          credentialId: '[[credentials.hubspot]]',
          dealName: 'Shopify order {{ trigger.body.name }}',
          amount: '{{ trigger.body.total_price }}',
          pipeline: '[[inputs.pipeline]]',
          dealStage: '[[inputs.dealStage]]',
          contactEmail: '{{ trigger.body.email }}',
        },
      },
      {
        id: 'slack',
        type: 'slack',
        label: 'Announce the sale',
        position: { x: 560, y: 100 },
        config: {
          operation: 'postMessage',
          credentialId: '[[credentials.slack]]',
          channel: '[[inputs.channel]]',
          text: ':shopping_bags: New order {{ trigger.body.name }}: {{ trigger.body.total_price }} {{ trigger.body.currency }} from {{ trigger.body.customer.first_name }} {{ trigger.body.customer.last_name }} ({{ trigger.body.line_items.length }} items)',
        },
      },
    ],
    edges: [edge('shopify', 'order'), edge('order', 'has_email'), edge('has_email', 'contact'), edge('contact', 'deal'), edge('order', 'slack')],
  },
  samples: [shopifyOrderCreated],
});
