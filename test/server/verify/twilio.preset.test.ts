import { createHash } from 'node:crypto';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { twilioParamString, urlVariants, verifyTwilio } from '../../../server/verify/twilio.preset.js';
import { codeOf, presetRequest } from './support.js';

const token = '12345678901234567890123456789012';
const url = 'https://mycompany.example.com/hooks/sms-token?tenant=acme';
const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
const form = new URLSearchParams(params).toString();
const formHeaders = (signature: string) => ({ 'X-Twilio-Signature': signature, 'content-type': 'application/x-www-form-urlencoded', 'I-Twilio-Idempotency-Token': 'idem-1' });
const verify = (body: string, headers: Record<string, string>, publicUrl = url, secrets = [token]) => verifyTwilio(presetRequest(body, headers, { publicUrl }), secrets);

describe('twilio preset (signed with twilio.getExpectedTwilioSignature)', () => {
  it("accepts a form post signed by the Twilio SDK, checked against the SDK's own validateRequest", () => {
    const signature = twilio.getExpectedTwilioSignature(token, url, params);
    expect(twilio.validateRequest(token, signature, url, params)).toBe(true);
    expect(verify(form, formHeaders(signature))).toEqual({ ok: true, dedupeKey: 'idem-1' });
  });

  it("sorts params by key and a repeated key's values, as the SDK does", () => {
    const repeated = { To: '+18005551212', Body: 'hi', MediaUrl: ['https://b.example/2.png', 'https://a.example/1.png'] };
    const body = 'To=%2B18005551212&MediaUrl=https%3A%2F%2Fb.example%2F2.png&Body=hi&MediaUrl=https%3A%2F%2Fa.example%2F1.png';
    expect(twilioParamString(new URLSearchParams(body))).toBe('Bodyhi' + 'MediaUrlhttps://a.example/1.png' + 'MediaUrlhttps://b.example/2.png' + 'To+18005551212');
    expect(codeOf(verify(body, formHeaders(twilio.getExpectedTwilioSignature(token, url, repeated))))).toBe('ok');
  });

  it('refuses a changed param, another URL (PUBLIC_URL matters), a wrong token and a missing header', () => {
    const signature = twilio.getExpectedTwilioSignature(token, url, params);
    expect(codeOf(verify(form.replace('Digits=1234', 'Digits=9999'), formHeaders(signature)))).toBe('signature_mismatch');
    expect(codeOf(verify(form, formHeaders(signature), 'https://attacker.example/hooks/sms-token?tenant=acme'))).toBe('signature_mismatch');
    expect(codeOf(verify(form, formHeaders(twilio.getExpectedTwilioSignature('0'.repeat(32), url, params))))).toBe('signature_mismatch');
    expect(codeOf(verify(form, { 'content-type': 'application/x-www-form-urlencoded' }))).toBe('signature_missing');
  });

  it('accepts a URL signed with or without its default port', () => {
    const withPort = 'https://mycompany.example.com:443/hooks/sms-token?tenant=acme';
    expect(urlVariants(url)).toContain(withPort);
    expect(codeOf(verify(form, formHeaders(twilio.getExpectedTwilioSignature(token, withPort, params))))).toBe('ok');
  });

  it("checks JSON bodies through bodySHA256 in the signed URL (validateRequestWithBody's scheme)", () => {
    const body = JSON.stringify({ MessageSid: 'SM1', Body: 'hello' });
    const hash = createHash('sha256').update(body).digest('hex');
    const signed = `${url}&bodySHA256=${hash}`;
    const signature = twilio.getExpectedTwilioSignature(token, signed, {});
    expect(twilio.validateRequestWithBody(token, signature, signed, body)).toBe(true);
    const headers = { 'X-Twilio-Signature': signature, 'content-type': 'application/json' };
    expect(codeOf(verify(body, headers, signed))).toBe('ok');
    expect(codeOf(verify(body.replace('hello', 'hellO'), headers, signed))).toBe('body_hash_mismatch');
    const unsigned = twilio.getExpectedTwilioSignature(token, url, {});
    expect(codeOf(verify(body, { 'X-Twilio-Signature': unsigned, 'content-type': 'application/json' }))).toBe('body_hash_mismatch');
  });
});
