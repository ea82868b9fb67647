import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySlack } from '../../../server/verify/slack.preset.js';
import { codeOf, NOW_S, presetRequest, tamper } from './support.js';

// Slack ships no standalone signer; this is its documented algorithm ("Verifying requests
// from Slack"): v0= + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret.
const sign = (body: string, secret: string, ts: number) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const event = JSON.stringify({ type: 'event_callback', event_id: 'Ev08MFMKH6', event: { type: 'app_mention', text: 'hi' } });
const verify = (body: string, ts: number, signature = sign(body, secret, ts), secrets = [secret]) =>
  verifySlack(presetRequest(body, { 'X-Slack-Signature': signature, 'X-Slack-Request-Timestamp': String(ts), 'content-type': 'application/json' }), secrets, 300);

describe('slack preset (documented v0 algorithm)', () => {
  it("matches the worked example in Slack's documentation", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const req = presetRequest(body, { 'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503', 'x-slack-request-timestamp': '1531420618' }, { now: 1531420618_000 });
    expect(verifySlack(req, [secret], 300)).toEqual({ ok: true });
  });

  it('accepts a signed event and dedupes on event_id', () => {
    expect(verify(event, NOW_S)).toEqual({ ok: true, dedupeKey: 'Ev08MFMKH6' });
  });

  it('answers url_verification with the challenge (and nothing to store) only when signed', () => {
    const challenge = JSON.stringify({ token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });
    expect(verify(challenge, NOW_S)).toEqual({
      ok: true,
      reply: { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' },
    });
    expect(codeOf(verify(challenge, NOW_S, sign(challenge, 'wrong', NOW_S)))).toBe('signature_mismatch');
  });

  it('refuses tampered bodies, wrong secrets, stale and future timestamps', () => {
    expect(codeOf(verify(tamper(event), NOW_S, sign(event, secret, NOW_S)))).toBe('signature_mismatch');
    expect(codeOf(verify(event, NOW_S, sign(event, 'nope', NOW_S)))).toBe('signature_mismatch');
    expect(codeOf(verify(event, NOW_S - 301))).toBe('timestamp_out_of_range');
    expect(codeOf(verify(event, NOW_S + 301))).toBe('timestamp_out_of_range');
    expect(codeOf(verify(event, NOW_S - 290))).toBe('ok');
    // A replay with the timestamp moved forward fails the signature, not the clock.
    expect(codeOf(verify(event, NOW_S, sign(event, secret, NOW_S - 3600)))).toBe('signature_mismatch');
  });

  it('names missing and malformed headers', () => {
    expect(codeOf(verifySlack(presetRequest(event, {}), [secret], 300))).toBe('signature_missing');
    expect(codeOf(verifySlack(presetRequest(event, { 'x-slack-signature': 'v1=ab' }), [secret], 300))).toBe('signature_malformed');
    expect(codeOf(verifySlack(presetRequest(event, { 'x-slack-signature': 'v0=ab' }), [secret], 300))).toBe('timestamp_missing');
    expect(codeOf(verifySlack(presetRequest(event, { 'x-slack-signature': 'v0=ab', 'x-slack-request-timestamp': 'soon' }), [secret], 300))).toBe('timestamp_invalid');
  });
});
