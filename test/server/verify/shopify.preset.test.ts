import { getHmac } from '@shopify/shopify-api/test-helpers';
import { describe, expect, it } from 'vitest';
import { verifyShopify } from '../../../server/verify/shopify.preset.js';
import { codeOf, presetRequest, tamper } from './support.js';

const secret = 'shpss_0123456789abcdef0123456789abcdef';
const body = JSON.stringify({ id: 820982911946154500, email: 'jon@example.com', total_price: '199.65', line_items: [{ sku: 'IPOD2008PINK', quantity: 1 }] });
const verify = (payload: string, hmac: string, secrets = [secret]) =>
  verifyShopify(presetRequest(payload, { 'X-Shopify-Hmac-Sha256': hmac, 'X-Shopify-Webhook-Id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043', 'X-Shopify-Topic': 'orders/create' }), secrets);

describe('shopify preset (signed with @shopify/shopify-api test-helpers getHmac)', () => {
  it("accepts what Shopify's own helper signs and dedupes on X-Shopify-Webhook-Id", () => {
    expect(verify(body, getHmac(body, secret))).toEqual({ ok: true, dedupeKey: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' });
  });

  it('refuses tampered bodies, wrong secrets, and missing or non-base64 headers', () => {
    expect(codeOf(verify(tamper(body), getHmac(body, secret)))).toBe('signature_mismatch');
    expect(codeOf(verify(body, getHmac(body, 'shpss_wrong')))).toBe('signature_mismatch');
    expect(codeOf(verifyShopify(presetRequest(body, {}), [secret]))).toBe('signature_missing');
    expect(codeOf(verify(body, 'not base64!'))).toBe('signature_malformed');
  });

  it('accepts the previous secret during the hour Shopify may still sign with it', () => {
    expect(codeOf(verify(body, getHmac(body, 'shpss_old'), [secret, 'shpss_old']))).toBe('ok');
    expect(codeOf(verify(body, getHmac(body, 'shpss_old'), [secret]))).toBe('signature_mismatch');
  });
});
