import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyPagerduty } from '../../../server/verify/pagerduty.preset.js';
import { codeOf, presetRequest, tamper } from './support.js';

// PagerDuty publishes no signing SDK; this is the algorithm its webhooks v3 docs give:
// X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the raw body>, comma-separated during rotation.
const sign = (body: string, secret: string) => `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;
const secret = 'pd-webhook-secret-0123456789';
const body = JSON.stringify({ event: { id: '01DEN4HPBQAAAG05V5QQYBRZMF', event_type: 'incident.triggered', data: { id: 'PGR0VU2', title: 'DB down' } } });
const verify = (payload: string, signature: string, secrets = [secret]) =>
  verifyPagerduty(presetRequest(payload, { 'X-PagerDuty-Signature': signature, 'X-Webhook-Id': 'a1b2c3', 'content-type': 'application/json' }), secrets);

describe('pagerduty preset (documented v3 algorithm)', () => {
  it('accepts a correct signature and dedupes on X-Webhook-Id', () => {
    expect(verify(body, sign(body, secret))).toEqual({ ok: true, dedupeKey: 'a1b2c3' });
  });

  it('accepts any entry of a comma-separated list (rotation), and refuses forgeries', () => {
    expect(codeOf(verify(body, `${sign(body, 'other')},${sign(body, secret)}`))).toBe('ok');
    expect(codeOf(verify(tamper(body), sign(body, secret)))).toBe('signature_mismatch');
    expect(codeOf(verify(body, sign(body, 'wrong')))).toBe('signature_mismatch');
    expect(codeOf(verify(body, 'v2=abc'))).toBe('signature_malformed');
    expect(codeOf(verifyPagerduty(presetRequest(body, {}), [secret]))).toBe('signature_missing');
  });

  it('refuses more than the allowed number of entries', () => {
    const many = Array.from({ length: 9 }, () => sign(body, 'x')).join(',');
    expect(codeOf(verify(body, `${many},${sign(body, secret)}`))).toBe('too_many_signatures');
  });
});
