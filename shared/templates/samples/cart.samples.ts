import type { TemplateSample } from '../define-template.js';

/**
 * A store backend's `checkout.abandoned` event, sent as a Standard Webhook (`webhook-id`,
 * `webhook-timestamp` and `webhook-signature` are added by the sender): the cart, the
 * shopper's contact details and consent, and a link back to the cart.
 */
const cart = {
  cart_id: 'cart_9f8e7d6c5b4a',
  abandoned_at: '2024-08-01T18:22:05Z',
  currency: 'EUR',
  total: '84.90',
  recovery_url: 'https://shop.example.com/cart/recover/9f8e7d6c5b4a?token=r3c0v3r',
  items: [
    { sku: 'CER-MUG-BL', title: 'Ceramic mug, blue', quantity: 2, price: '18.00' },
    { sku: 'POUR-OVER-2', title: 'Pour-over kettle', quantity: 1, price: '48.90' },
  ],
};

export const cartAbandonedSms: TemplateSample = {
  id: 'checkout.abandoned.sms',
  label: 'checkout.abandoned: shopper opted in to SMS',
  headers: { 'User-Agent': 'shop-events/2.3' },
  contentType: 'application/json',
  expect: 'acts',
  body: {
    type: 'checkout.abandoned',
    timestamp: '2024-08-01T18:52:05Z',
    data: { ...cart, customer: { id: 'cus_4471', first_name: 'Lena', email: 'lena.fischer@example.com', phone: '+4915123456789', sms_consent: true } },
  },
};

export const cartAbandonedEmail: TemplateSample = {
  id: 'checkout.abandoned.email',
  label: 'checkout.abandoned: email only',
  headers: { 'User-Agent': 'shop-events/2.3' },
  contentType: 'application/json',
  expect: 'acts',
  body: {
    type: 'checkout.abandoned',
    timestamp: '2024-08-01T19:10:44Z',
    data: {
      ...cart,
      cart_id: 'cart_0a1b2c3d4e5f',
      recovery_url: 'https://shop.example.com/cart/recover/0a1b2c3d4e5f?token=x9y8z7',
      customer: { id: 'cus_5120', first_name: 'Tom', email: 'tom.becker@example.com', phone: null, sms_consent: false },
    },
  },
};
