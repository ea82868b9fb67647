import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { verifyStandardWebhooks } from '../../../server/verify/standard-webhooks.preset.js';
import { codeOf, NOW, NOW_S, presetRequest, tamper } from './support.js';

const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const oldSecret = `whsec_${Buffer.from('fedcba9876543210fedcba9876543210').toString('base64')}`;
const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'inv_1', amount: 4200 } });
const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const at = (s: number) => new Date(s * 1000);

const swHeaders = (payload: string, s = secret, ts = NOW_S) => ({ 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': new StandardWebhook(s).sign(id, at(ts), payload) });
const verify = (payload: string, headers: Record<string, string>, secrets = [secret]) => verifyStandardWebhooks(presetRequest(payload, headers), secrets, 300);

describe('standard-webhooks preset (signed with standardwebhooks and svix)', () => {
  it('accepts what the standardwebhooks library signs, and dedupes on webhook-id', () => {
    expect(verify(body, swHeaders(body))).toEqual({ ok: true, dedupeKey: id });
    expect(new StandardWebhook(secret).verify(body, swHeaders(body, secret, Math.floor(Date.now() / 1000)))).toBeTruthy();
  });

  it('accepts what svix signs, with svix-* headers', () => {
    const signature = new SvixWebhook(secret).sign(id, at(NOW_S), body);
    expect(verify(body, { 'svix-id': id, 'svix-timestamp': String(NOW_S), 'svix-signature': signature })).toEqual({ ok: true, dedupeKey: id });
  });

  it('refuses tampered bodies, another id, wrong secrets, stale and future timestamps', () => {
    expect(codeOf(verify(tamper(body), swHeaders(body)))).toBe('signature_mismatch');
    expect(codeOf(verify(body, { ...swHeaders(body), 'webhook-id': 'msg_other' }))).toBe('signature_mismatch');
    expect(codeOf(verify(body, swHeaders(body, oldSecret)))).toBe('signature_mismatch');
    expect(codeOf(verify(body, swHeaders(body, secret, NOW_S - 301)))).toBe('timestamp_out_of_range');
    expect(codeOf(verify(body, swHeaders(body, secret, NOW_S + 301)))).toBe('timestamp_out_of_range');
    expect(codeOf(verifyStandardWebhooks(presetRequest(body, swHeaders(body, secret, NOW_S - 301), { now: NOW - 301_000 }), [secret], 300))).toBe('ok');
  });

  it('accepts any of several space-separated v1 entries (rotation) and ignores other versions', () => {
    const h = swHeaders(body, oldSecret);
    const both = { ...h, 'webhook-signature': `v1a,bm90LWEtcmVhbC1zaWc= ${swHeaders(body)['webhook-signature']} ${h['webhook-signature']}` };
    expect(codeOf(verify(body, both, [oldSecret]))).toBe('ok');
    expect(codeOf(verify(body, both, [secret]))).toBe('ok');
    expect(codeOf(verify(body, h, [secret, oldSecret]))).toBe('ok');
  });

  it('refuses too many entries, missing headers and secrets that are not whsec_ base64', () => {
    const many = Array.from({ length: 9 }, () => swHeaders(body)['webhook-signature']).join(' ');
    expect(codeOf(verify(body, { ...swHeaders(body), 'webhook-signature': many }))).toBe('too_many_signatures');
    expect(codeOf(verify(body, { 'webhook-id': id, 'webhook-timestamp': String(NOW_S) }))).toBe('signature_missing');
    expect(codeOf(verify(body, { ...swHeaders(body), 'webhook-timestamp': '' }))).toBe('timestamp_missing');
    expect(codeOf(verify(body, swHeaders(body), ['whsec_!!not base64!!']))).toBe('credential_invalid');
  });
});
