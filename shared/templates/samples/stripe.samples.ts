import type { TemplateSample } from '../define-template.js';

/** Headers Stripe sends with every event (the Stripe-Signature header is added by the sender). */
const stripeHeaders = { 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)', 'Cache-Control': 'no-cache', Accept: '*/*; q=0.5, application/xml' };

/** `payment_intent.succeeded`, as in Stripe's event reference (API version 2024-06-20). */
export const stripePaymentSucceeded: TemplateSample = {
  id: 'payment_intent.succeeded',
  label: 'payment_intent.succeeded: 49.00 USD by card',
  headers: stripeHeaders,
  contentType: 'application/json',
  expect: 'acts',
  body: {
    id: 'evt_3PjJ2sLkdIwHu7ix0a1b2c3d',
    object: 'event',
    api_version: '2024-06-20',
    created: 1722420000,
    data: {
      object: {
        id: 'pi_3PjJ2sLkdIwHu7ix0w9x8y7z',
        object: 'payment_intent',
        amount: 4900,
        amount_capturable: 0,
        amount_received: 4900,
        capture_method: 'automatic_async',
        confirmation_method: 'automatic',
        created: 1722419990,
        currency: 'usd',
        customer: 'cus_QaBcDeFgHiJkLm',
        description: 'Pro plan (monthly)',
        latest_charge: 'ch_3PjJ2sLkdIwHu7ix0q1w2e3r',
        livemode: false,
        metadata: { order_id: '6735' },
        payment_method: 'pm_1PjJ2rLkdIwHu7ixAbCdEfGh',
        payment_method_types: ['card'],
        receipt_email: 'jenny.rosen@example.com',
        status: 'succeeded',
      },
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: 'req_8lBnQ5ZrGfXyTm', idempotency_key: 'a5e3f0c2-61d9-4a4c-9d0e-3b5c7f2b1a90' },
    type: 'payment_intent.succeeded',
  },
};

/** A `payment_intent.payment_failed` event: the payment template's filter lets it go. */
export const stripePaymentFailed: TemplateSample = {
  id: 'payment_intent.payment_failed',
  label: 'payment_intent.payment_failed (ignored)',
  headers: stripeHeaders,
  contentType: 'application/json',
  expect: 'skips',
  body: {
    id: 'evt_3PjJ9kLkdIwHu7ix1f2g3h4i',
    object: 'event',
    api_version: '2024-06-20',
    created: 1722420500,
    data: {
      object: {
        id: 'pi_3PjJ9kLkdIwHu7ix1z2y3x4w',
        object: 'payment_intent',
        amount: 2500,
        amount_received: 0,
        currency: 'eur',
        customer: 'cus_QaZyXwVuTsRqPo',
        last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', type: 'card_error' },
        livemode: false,
        metadata: {},
        receipt_email: 'max.mustermann@example.com',
        status: 'requires_payment_method',
      },
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: 'req_Zq9k2LmNbVcXaS', idempotency_key: null },
    type: 'payment_intent.payment_failed',
  },
};

/** `customer.subscription.deleted`: a subscription cancelled at the end of its period. */
export const stripeSubscriptionDeleted: TemplateSample = {
  id: 'customer.subscription.deleted',
  label: 'customer.subscription.deleted: Pro plan, cancelled by the customer',
  headers: stripeHeaders,
  contentType: 'application/json',
  expect: 'acts',
  body: {
    id: 'evt_1PkLmNLkdIwHu7ixQrStUvWx',
    object: 'event',
    api_version: '2024-06-20',
    created: 1722506400,
    data: {
      object: {
        id: 'sub_1OxYzALkdIwHu7ixBcDeFgHi',
        object: 'subscription',
        cancel_at_period_end: false,
        canceled_at: 1722506399,
        cancellation_details: { comment: 'Moving to an in-house tool.', feedback: 'switched_service', reason: 'cancellation_requested' },
        created: 1711929600,
        currency: 'usd',
        current_period_end: 1722506400,
        current_period_start: 1719828000,
        customer: 'cus_QaBcDeFgHiJkLm',
        ended_at: 1722506400,
        items: {
          object: 'list',
          data: [
            {
              id: 'si_PnOpQrStUvWxYz',
              object: 'subscription_item',
              plan: { id: 'price_1OxYyZLkdIwHu7ixPro12345', object: 'plan', active: true, amount: 4900, currency: 'usd', interval: 'month', nickname: 'Pro monthly', product: 'prod_PnProPlan' },
              price: {
                id: 'price_1OxYyZLkdIwHu7ixPro12345',
                object: 'price',
                nickname: 'Pro monthly',
                product: 'prod_PnProPlan',
                unit_amount: 4900,
                recurring: { interval: 'month', interval_count: 1 },
              },
              quantity: 1,
            },
          ],
          has_more: false,
        },
        livemode: false,
        metadata: { email: 'jenny.rosen@example.com', account_id: 'acct-4471' },
        status: 'canceled',
      },
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'customer.subscription.deleted',
  },
};
