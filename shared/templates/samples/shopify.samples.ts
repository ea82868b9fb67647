import type { TemplateSample } from '../define-template.js';

/** Headers Shopify sends with a webhook; X-Shopify-Hmac-Sha256 is added by the sender. */
const shopifyHeaders = (topic: string, webhookId: string) => ({
  'User-Agent': 'Shopify-Captain-Hook',
  'X-Shopify-Topic': topic,
  'X-Shopify-Shop-Domain': 'acme-outfitters.myshopify.com',
  'X-Shopify-API-Version': '2024-07',
  'X-Shopify-Webhook-Id': webhookId,
  'X-Shopify-Event-Id': `${webhookId.slice(0, 8)}-evt`,
  'X-Shopify-Triggered-At': '2024-08-01T14:02:11.123456789Z',
});

/** `orders/create`: a paid order of two items (trimmed to the fields people use). */
export const shopifyOrderCreated: TemplateSample = {
  id: 'orders/create',
  label: 'orders/create: #1089, 2 items, 127.50 USD',
  headers: shopifyHeaders('orders/create', '0f3d2b1a-6a5c-4e7d-9b8a-1c2d3e4f5a6b'),
  contentType: 'application/json',
  expect: 'acts',
  body: {
    id: 5807362801940,
    admin_graphql_api_id: 'gid://shopify/Order/5807362801940',
    name: '#1089',
    order_number: 1089,
    email: 'bob.norman@example.com',
    contact_email: 'bob.norman@example.com',
    created_at: '2024-08-01T10:02:08-04:00',
    currency: 'USD',
    current_total_price: '127.50',
    subtotal_price: '115.00',
    total_price: '127.50',
    total_tax: '7.50',
    total_discounts: '0.00',
    financial_status: 'paid',
    fulfillment_status: null,
    order_status_url: 'https://acme-outfitters.myshopify.com/61234567890/orders/b1946ac92492d2347c6235b4d2611184/authenticate?key=abc123',
    tags: '',
    customer: {
      id: 7026383994900,
      email: 'bob.norman@example.com',
      first_name: 'Bob',
      last_name: 'Norman',
      phone: '+16135551212',
      orders_count: 3,
      total_spent: '311.40',
      tags: 'repeat',
      currency: 'USD',
    },
    billing_address: {
      first_name: 'Bob',
      last_name: 'Norman',
      address1: 'Chestnut Street 92',
      city: 'Louisville',
      province: 'Kentucky',
      province_code: 'KY',
      country: 'United States',
      country_code: 'US',
      zip: '40202',
      phone: '+16135551212',
      company: null,
    },
    shipping_address: {
      first_name: 'Bob',
      last_name: 'Norman',
      address1: 'Chestnut Street 92',
      city: 'Louisville',
      province: 'Kentucky',
      province_code: 'KY',
      country: 'United States',
      country_code: 'US',
      zip: '40202',
      phone: '+16135551212',
      company: null,
    },
    line_items: [
      { id: 14430584516884, product_id: 8810041983252, variant_id: 46935283745044, title: 'Trail Runner Jacket', variant_title: 'M / Forest', sku: 'TRJ-M-FOR', quantity: 1, price: '95.00' },
      { id: 14430584549652, product_id: 8810042114324, variant_id: 46935284072724, title: 'Merino Socks', variant_title: 'L', sku: 'MS-L', quantity: 2, price: '10.00' },
    ],
    shipping_lines: [{ id: 4691231129876, title: 'Standard', price: '5.00', code: 'Standard' }],
  },
};

/** `inventory_levels/update` with stock below the template's default threshold. */
export const shopifyInventoryLow: TemplateSample = {
  id: 'inventory_levels/update.low',
  label: 'inventory_levels/update: 3 left',
  headers: shopifyHeaders('inventory_levels/update', '8b7c6d5e-4f3a-4b2c-8d1e-0f9a8b7c6d5e'),
  contentType: 'application/json',
  expect: 'acts',
  body: {
    inventory_item_id: 48998135464212,
    location_id: 71346733332,
    available: 3,
    updated_at: '2024-08-01T10:02:09-04:00',
    admin_graphql_api_id: 'gid://shopify/InventoryLevel/71346733332?inventory_item_id=48998135464212',
  },
};

/** `inventory_levels/update` with plenty in stock: ignored. */
export const shopifyInventoryFine: TemplateSample = {
  id: 'inventory_levels/update.fine',
  label: 'inventory_levels/update: 42 left (ignored)',
  headers: shopifyHeaders('inventory_levels/update', '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'),
  contentType: 'application/json',
  expect: 'skips',
  body: {
    inventory_item_id: 48998135464212,
    location_id: 71346733332,
    available: 42,
    updated_at: '2024-08-01T16:40:00-04:00',
    admin_graphql_api_id: 'gid://shopify/InventoryLevel/71346733332?inventory_item_id=48998135464212',
  },
};
