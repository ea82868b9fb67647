import { createHmac } from 'node:crypto';
import { sign as octokitSign } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import { hmacOptionsSchema, webhookConfigSchema } from '../../../shared/nodes/webhook.node.js';
import { verifyHmac } from '../../../server/verify/hmac.preset.js';
import { codeOf, NOW_S, presetRequest, tamper } from './support.js';

const secret = 'generic-sender-secret';
const body = '{"event":"stock.low","sku":"A-1","left":3}';
const opts = (o: Record<string, unknown> = {}) => hmacOptionsSchema.parse(o);

describe('generic hmac preset', () => {
  it('defaults to x-signature, SHA-256, hex, over the raw body', () => {
    const sig = createHmac('sha256', secret).update(body).digest('hex');
    expect(codeOf(verifyHmac(presetRequest(body, { 'x-signature': sig }), [secret], opts()))).toBe('ok');
    expect(codeOf(verifyHmac(presetRequest(tamper(body), { 'x-signature': sig }), [secret], opts()))).toBe('signature_mismatch');
    expect(codeOf(verifyHmac(presetRequest(body, { 'x-signature': sig.toUpperCase() }), [secret], opts()))).toBe('ok');
  });

  it("reproduces GitHub's scheme with a prefix (signed by @octokit/webhooks-methods)", async () => {
    const o = opts({ header: 'X-Hub-Signature-256', prefix: 'sha256=' });
    expect(codeOf(verifyHmac(presetRequest(body, { 'x-hub-signature-256': await octokitSign(secret, body) }), [secret], o))).toBe('ok');
    expect(codeOf(verifyHmac(presetRequest(body, { 'x-hub-signature-256': 'sha1=00' }), [secret], o))).toBe('signature_malformed');
  });

  it('supports SHA-1 and SHA-512, base64, and secrets given as base64 or hex', () => {
    const key = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    for (const algorithm of ['sha1', 'sha512'] as const) {
      const sig = createHmac(algorithm, key).update(body).digest('base64');
      const o = opts({ algorithm, encoding: 'base64', secretEncoding: 'hex', header: 'X-Sig' });
      expect(codeOf(verifyHmac(presetRequest(body, { 'x-sig': sig }), [key.toString('hex')], o))).toBe('ok');
      expect(codeOf(verifyHmac(presetRequest(body, { 'x-sig': sig }), [key.toString('base64')], { ...o, secretEncoding: 'base64' }))).toBe('ok');
    }
    expect(codeOf(verifyHmac(presetRequest(body, { 'x-sig': 'a' }), ['zz'], opts({ header: 'x-sig', secretEncoding: 'hex' })))).toBe('credential_invalid');
  });

  it('signs a template with a timestamp header, checked both ways', () => {
    const o = opts({ signedContent: 'template', template: 'v1:{timestamp}:{body}', timestampHeader: 'X-Timestamp', header: 'X-Signature' });
    const sign = (ts: number, b = body) => createHmac('sha256', secret).update(`v1:${ts}:${b}`).digest('hex');
    const req = (ts: number, sig = sign(ts)) => presetRequest(body, { 'x-signature': sig, 'x-timestamp': String(ts) });
    expect(codeOf(verifyHmac(req(NOW_S), [secret], o))).toBe('ok');
    expect(codeOf(verifyHmac(req(NOW_S - 301), [secret], o))).toBe('timestamp_out_of_range');
    expect(codeOf(verifyHmac(req(NOW_S + 301), [secret], o))).toBe('timestamp_out_of_range');
    expect(codeOf(verifyHmac(req(NOW_S, sign(NOW_S - 1)), [secret], o))).toBe('signature_mismatch');
    expect(codeOf(verifyHmac(presetRequest(body, { 'x-signature': sign(NOW_S) }), [secret], o))).toBe('timestamp_missing');
    const ms = opts({ ...o, timestampUnit: 'milliseconds', toleranceSeconds: 60 });
    const tsMs = NOW_S * 1000 - 30_000;
    expect(codeOf(verifyHmac(presetRequest(body, { 'x-signature': createHmac('sha256', secret).update(`v1:${tsMs}:${body}`).digest('hex'), 'x-timestamp': String(tsMs) }), [secret], ms))).toBe('ok');
  });

  it('takes several separated signatures (rotation), capped, and an id header as dedupe key and {id}', () => {
    const o = opts({ header: 'x-sigs', separator: ',', prefix: 'v1=', idHeader: 'X-Event-Id', signedContent: 'template', template: '{id}.{body}' });
    const sig = (s: string) => `v1=${createHmac('sha256', s).update(`evt_9.${body}`).digest('hex')}`;
    const h = (sigs: string) => ({ 'x-sigs': sigs, 'x-event-id': 'evt_9' });
    expect(verifyHmac(presetRequest(body, h(`${sig('old')},${sig(secret)}`)), [secret], o)).toEqual({ ok: true, dedupeKey: 'evt_9' });
    expect(codeOf(verifyHmac(presetRequest(body, h(Array.from({ length: 9 }, () => sig('x')).join(','))), [secret], o))).toBe('too_many_signatures');
  });

  it('keeps old trigger configs valid and refuses templates that cannot be verified', () => {
    expect(webhookConfigSchema.safeParse({ auth: { kind: 'signature', preset: 'hmac', credentialId: 'cred_1' } }).success).toBe(true);
    expect(webhookConfigSchema.safeParse({ auth: { kind: 'signature', preset: 'github', credentialId: 'cred_1', legacyField: 1 } }).success).toBe(true);
    const bad = hmacOptionsSchema.safeParse({ signedContent: 'template', template: '{timestamp}.{body}' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['timestampHeader']);
    expect(hmacOptionsSchema.safeParse({ signedContent: 'template', template: 'no body here' }).success).toBe(false);
  });
});
