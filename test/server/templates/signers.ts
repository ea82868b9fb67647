import { createHmac } from 'node:crypto';
import { sign as signGithub } from '@octokit/webhooks-methods';
import { getHmac } from '@shopify/shopify-api/test-helpers';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import twilio from 'twilio';
import type { TemplateSample } from '../../../shared/templates/define-template.js';
import { sampleBodyText, sampleFormParams } from '../../../shared/templates/sample-request.js';

/** Signature headers for one sample, made the way the provider makes them (its own SDK where there is one). */
export type Signer = (sample: TemplateSample, body: string, url: string) => Promise<Record<string, string>> | Record<string, string>;

const stripe = new Stripe('sk_test_not_used');

/** Stripe: the SDK's test header generator (t=now, v1 over `t.body`). */
export const stripeSigner =
  (secret: string): Signer =>
  (_s, body) => ({ 'Stripe-Signature': stripe.webhooks.generateTestHeaderString({ payload: body, secret }) });

/** GitHub: @octokit/webhooks-methods `sign` (sha256=…). */
export const githubSigner =
  (secret: string): Signer =>
  async (_s, body) => ({ 'X-Hub-Signature-256': await signGithub(secret, body) });

/** Shopify: @shopify/shopify-api's test helper (base64 HMAC-SHA256 of the body). */
export const shopifySigner =
  (secret: string): Signer =>
  (_s, body) => ({ 'X-Shopify-Hmac-Sha256': getHmac(body, secret) });

/** PagerDuty v3 publishes no SDK; its documented algorithm: `v1=` hex HMAC-SHA256 of the body. */
export const pagerdutySigner =
  (secret: string): Signer =>
  (_s, body) => ({ 'X-PagerDuty-Signature': `v1=${createHmac('sha256', secret).update(body).digest('hex')}` });

/** Twilio: the SDK's getExpectedTwilioSignature over the public URL and the form params. */
export const twilioSigner =
  (authToken: string): Signer =>
  (s, _body, url) => ({ 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(authToken, url, sampleFormParams(s)) });

/** Standard Webhooks: the standardwebhooks library signs `id.timestamp.body`. */
export const standardWebhooksSigner =
  (secret: string, id: string): Signer =>
  (_s, body) => {
    const at = new Date();
    return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new StandardWebhook(secret).sign(id, at, body) };
  };

/** Tally's documented check: base64 HMAC-SHA256 of the body with the signing secret, in Tally-Signature. */
export const tallySigner =
  (secret: string): Signer =>
  (_s, body) => ({ 'Tally-Signature': createHmac('sha256', secret).update(body).digest('base64') });

/** A shared token in a header (the `header` trigger auth). */
export const headerSigner =
  (name: string, value: string): Signer =>
  () => ({ [name]: value });

export { sampleBodyText };
