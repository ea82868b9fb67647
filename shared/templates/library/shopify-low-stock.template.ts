import { defineTemplate } from '../define-template.js';
import { shopifyInventoryFine, shopifyInventoryLow } from '../samples/shopify.samples.js';
import { shopifySecret } from './common-credentials.js';
import { edge } from './common-graph.js';

export const shopifyLowStock = defineTemplate({
  id: 'shopify-low-stock-webhook',
  name: 'Shopify low stock → inventory webhook',
  description: 'Watches Shopify inventory levels and, when an item drops below your threshold at a location, sends a reorder request to your inventory or purchasing system.',
  category: 'e-commerce',
  tags: ['shopify', 'inventory', 'stock', 'http'],
  trigger: {
    provider: 'Shopify',
    events: ['inventory_levels/update'],
    auth: 'shopify',
    setup: 'In the Shopify admin, open Settings → Notifications → Webhooks → Create webhook: event "Inventory level update", format JSON, and the trigger URL.',
  },
  credentials: [shopifySecret],
  inputs: [
    { key: 'threshold', kind: 'number', label: 'Low-stock threshold', help: 'Items with fewer than this many available trigger a reorder.', default: 5, min: 0, max: 1_000_000, integer: true },
    {
      key: 'inventoryUrl',
      kind: 'url',
      label: 'Inventory webhook URL',
      help: "Your inventory or purchasing system's endpoint; it receives a JSON POST per low item.",
      placeholder: 'https://erp.example.com/hooks/reorder',
    },
  ],
  workflow: {
    nodes: [
      { id: 'shopify', type: 'webhook', label: 'Shopify webhook', position: { x: 0, y: 0 }, config: { auth: { kind: 'signature', preset: 'shopify', credentialId: '[[credentials.shopifySecret]]' } } },
      {
        id: 'low',
        type: 'filter',
        label: 'Below threshold?',
        position: { x: 280, y: 0 },
        config: {
          combinator: 'and',
          rules: [
            { field: 'trigger.headers["x-shopify-topic"]', operator: 'equals', value: 'inventory_levels/update' },
            { field: 'trigger.body.available', operator: 'less_than', value: '[[inputs.threshold]]' },
          ],
        },
      },
      {
        id: 'reorder',
        type: 'http',
        label: 'Send reorder request',
        position: { x: 560, y: 0 },
        config: {
          method: 'POST',
          url: '[[inputs.inventoryUrl]]',
          headers: { 'content-type': 'application/json' },
          body: {
            event: 'inventory.low',
            shop: '{{ trigger.headers["x-shopify-shop-domain"] }}',
            inventoryItemId: '{{ trigger.body.inventory_item_id }}',
            locationId: '{{ trigger.body.location_id }}',
            available: '{{ trigger.body.available }}',
            threshold: '[[inputs.threshold]]',
            updatedAt: '{{ trigger.body.updated_at }}',
          },
          retry: { attempts: 5 },
        },
      },
    ],
    edges: [edge('shopify', 'low'), edge('low', 'reorder')],
  },
  samples: [shopifyInventoryLow, shopifyInventoryFine],
});
