import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { verifyStripe } from '../../../server/verify/stripe.preset.js';
import { codeOf, NOW_S, presetRequest, tamper } from './support.js';

const stripe = new Stripe('sk_test_not_used');
const secret = 'whsec_test_5WbX5kEWLlfzsGNjH64I8lOOqUB6e8FH';
const oldSecret = 'whsec_test_old_0123456789abcdefghij';
const body = JSON.stringify({ id: 'evt_1PaymentSucceeded', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', amount: 2000 } } });
const header = (payload: string, s = secret, timestamp = NOW_S) => stripe.webhooks.generateTestHeaderString({ payload, secret: s, timestamp });
const verify = (payload: string, h: string, secrets = [secret], tolerance = 300) => verifyStripe(presetRequest(payload, { 'Stripe-Signature': h }), secrets, tolerance);

describe('stripe preset (signed with stripe.webhooks.generateTestHeaderString)', () => {
  it('accepts a request signed by the Stripe SDK and dedupes on the event id in the body', () => {
    expect(verify(body, header(body))).toEqual({ ok: true, dedupeKey: 'evt_1PaymentSucceeded' });
  });

  it('refuses a tampered body, a wrong secret and a missing or malformed header', () => {
    expect(codeOf(verify(tamper(body), header(body)))).toBe('signature_mismatch');
    expect(codeOf(verify(body, header(body, 'whsec_someone_else')))).toBe('signature_mismatch');
    expect(codeOf(verifyStripe(presetRequest(body, {}), [secret], 300))).toBe('signature_missing');
    expect(codeOf(verify(body, 'garbage'))).toBe('signature_malformed');
    expect(codeOf(verify(body, `v1=${'0'.repeat(64)}`))).toBe('timestamp_missing');
    expect(codeOf(verify(body, `t=${NOW_S},t=${NOW_S},v1=00`))).toBe('signature_malformed');
  });

  it('refuses stale and future timestamps beyond the tolerance, and accepts within it', () => {
    expect(codeOf(verify(body, header(body, secret, NOW_S - 301)))).toBe('timestamp_out_of_range');
    expect(codeOf(verify(body, header(body, secret, NOW_S + 301)))).toBe('timestamp_out_of_range');
    expect(codeOf(verify(body, header(body, secret, NOW_S - 299)))).toBe('ok');
    expect(codeOf(verify(body, header(body, secret, NOW_S + 299)))).toBe('ok');
    expect(codeOf(verify(body, header(body, secret, NOW_S - 600), [secret], 900))).toBe('ok');
  });

  it('accepts either v1 entry while Stripe rolls a secret, and the previous secret during a rotation', () => {
    const fromOld = header(body, oldSecret);
    const fromNew = header(body);
    const both = `${fromNew},${fromOld.split(',')[1]}`;
    expect(codeOf(verify(body, both, [oldSecret]))).toBe('ok');
    expect(codeOf(verify(body, both, [secret]))).toBe('ok');
    expect(codeOf(verify(body, fromOld, [secret, oldSecret]))).toBe('ok');
    expect(codeOf(verify(body, fromOld, [secret]))).toBe('signature_mismatch');
  });

  it('refuses a header with too many signature entries before hashing them', () => {
    const many = `t=${NOW_S},${Array.from({ length: 20 }, (_, i) => `v1=${i.toString(16).padStart(64, '0')}`).join(',')}`;
    expect(codeOf(verify(body, many))).toBe('too_many_signatures');
  });

  it('verifies the raw bytes: a body that is not valid UTF-8 still verifies when signed as bytes', () => {
    const raw = Buffer.concat([Buffer.from('{"id":"evt_bin","x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const sig = createHmac('sha256', secret).update(`${NOW_S}.`).update(raw).digest('hex');
    expect(codeOf(verifyStripe(presetRequest(raw, { 'stripe-signature': `t=${NOW_S},v1=${sig}` }), [secret], 300))).toBe('ok');
  });
});
