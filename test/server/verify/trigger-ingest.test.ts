import { createHmac } from 'node:crypto';
import { sign as githubSign } from '@octokit/webhooks-methods';
import { getHmac } from '@shopify/shopify-api/test-helpers';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import request from 'supertest';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../support/test-app.js';
import { count, createCredential, deployTrigger, post, type TestApp } from './ingest-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
});

const stripe = new Stripe('sk_test_not_used');
const nowS = () => Math.floor(Date.now() / 1000);
const stripeHeader = (payload: string, secret: string, timestamp = nowS()) => ({
  'content-type': 'application/json',
  'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }),
});
const stats = async (workflowId: string) => (await request(t.app.handler).get(`/api/workflows/${workflowId}/triggers/hook/rejections`).set(t.auth)).body;

describe('stripe trigger through the real ingest path', () => {
  const secret = 'whsec_ingest_test_secret_1234567890';
  const newSecret = 'whsec_ingest_test_secret_rotated_999';
  let hook: Awaited<ReturnType<typeof deployTrigger>>;
  let credentialId: string;
  const event = (id: string) => JSON.stringify({ id, object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', amount: 2000 } } });

  beforeAll(async () => {
    credentialId = await createCredential(t, 'webhook-secret', { secret });
    hook = await deployTrigger(t, { kind: 'signature', preset: 'stripe', credentialId });
  });

  it('accepts an SDK-signed event with 202, and answers a repeat of the event id with 200 and the original run', async () => {
    const runs = await count(t, 'runs');
    const first = await post(t, hook.path, event('evt_A'), stripeHeader(event('evt_A'), secret));
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    const again = await post(t, hook.path, event('evt_A'), stripeHeader(event('evt_A'), secret, nowS() - 5));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ runId: first.body.runId, eventId: first.body.eventId, duplicate: true });
    expect(await count(t, 'runs')).toBe(runs + 1);
    expect((await t.app.store.runs.getEvent(first.body.eventId))?.dedupeKey).toBe('evt_A');
  });

  it('refuses forgeries with 401 and a reason, storing nothing', async () => {
    const events = await count(t, 'events');
    const cases: Array<[string, Record<string, string>, string]> = [
      [event('evt_B').replace('2000', '1'), stripeHeader(event('evt_B'), secret), 'signature_mismatch'],
      [event('evt_B'), stripeHeader(event('evt_B'), 'whsec_wrong_secret'), 'signature_mismatch'],
      [event('evt_B'), stripeHeader(event('evt_B'), secret, nowS() - 3600), 'timestamp_out_of_range'],
      [event('evt_B'), stripeHeader(event('evt_B'), secret, nowS() + 3600), 'timestamp_out_of_range'],
      [event('evt_B'), { 'content-type': 'application/json' }, 'signature_missing'],
      [event('evt_B'), { 'content-type': 'application/json', 'stripe-signature': `t=${nowS()},${Array.from({ length: 30 }, () => `v1=${'ab'.repeat(32)}`).join(',')}` }, 'too_many_signatures'],
    ];
    for (const [body, headers, reason] of cases) {
      const res = await post(t, hook.path, body, headers);
      expect(res.status, reason).toBe(401);
      expect(res.body.error).toMatchObject({ code: 'UNAUTHORIZED', reason, message: expect.any(String) });
    }
    expect(await count(t, 'events')).toBe(events);
  });

  it('counts refusals per trigger for the person to see', async () => {
    const s = await stats(hook.workflowId);
    expect(s.lastHour).toBe(6);
    expect(s.lastDay).toBe(6);
    expect(s.byReason).toEqual({ signature_mismatch: 2, timestamp_out_of_range: 2, signature_missing: 1, too_many_signatures: 1 });
    expect(s.hourly).toHaveLength(24);
    expect(s.hourly[23]).toBe(6);
    expect(Date.now() - s.lastAt).toBeLessThan(2 * 60_000);
    const all = await request(t.app.handler).get(`/api/workflows/${hook.workflowId}/rejections`).set(t.auth);
    expect(all.body.triggers.hook.lastHour).toBe(6);
    expect((await request(t.app.handler).get('/api/workflows/wf_missing/triggers/hook/rejections').set(t.auth)).status).toBe(404);
    expect((await request(t.app.handler).get(`/api/workflows/${hook.workflowId}/triggers/hook/rejections`)).status).toBe(401);
  });

  it('accepts both secrets during a rotation, then only the new one once the old is removed', async () => {
    const rotated = await request(t.app.handler)
      .put(`/api/credentials/${credentialId}`)
      .set(t.auth)
      .send({ data: { secret: newSecret }, rotate: true });
    expect(rotated.status).toBe(200);
    expect((await post(t, hook.path, event('evt_R1'), stripeHeader(event('evt_R1'), secret))).status).toBe(202);
    expect((await post(t, hook.path, event('evt_R2'), stripeHeader(event('evt_R2'), newSecret))).status).toBe(202);
    await request(t.app.handler)
      .put(`/api/credentials/${credentialId}`)
      .set(t.auth)
      .send({ data: { previousSecret: null } });
    expect((await post(t, hook.path, event('evt_R3'), stripeHeader(event('evt_R3'), secret))).body.error?.reason).toBe('signature_mismatch');
    expect((await post(t, hook.path, event('evt_R4'), stripeHeader(event('evt_R4'), newSecret))).status).toBe(202);
  });

  it('fails closed once the credential is deleted', async () => {
    expect((await request(t.app.handler).delete(`/api/credentials/${credentialId}`).set(t.auth)).status).toBe(204);
    const res = await post(t, hook.path, event('evt_D'), stripeHeader(event('evt_D'), newSecret));
    expect(res.status).toBe(401);
    expect(res.body.error.reason).toBe('credential_missing');
  });
});

describe('other presets through the real ingest path', () => {
  it('github: @octokit-signed deliveries, deduped on X-GitHub-Delivery', async () => {
    const secret = 'gh-secret-ingest';
    const hook = await deployTrigger(t, { kind: 'signature', preset: 'github', credentialId: await createCredential(t, 'webhook-secret', { secret }) });
    const body = JSON.stringify({ action: 'opened', pull_request: { number: 7 } });
    const headers = { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': 'd-1', 'x-hub-signature-256': await githubSign(secret, body) };
    const first = await post(t, hook.path, body, headers);
    expect(first.status).toBe(202);
    const redelivered = await post(t, hook.path, body, headers);
    expect(redelivered.status).toBe(200);
    expect(redelivered.body.runId).toBe(first.body.runId);
    expect((await post(t, hook.path, `${body} `, headers)).status).toBe(401);
  });

  it("shopify: signed with Shopify's getHmac", async () => {
    const secret = 'shpss_ingest_secret';
    const hook = await deployTrigger(t, { kind: 'signature', preset: 'shopify', credentialId: await createCredential(t, 'webhook-secret', { secret }) });
    const body = JSON.stringify({ id: 450789469, total_price: '598.94' });
    const headers = { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': 'sh-1', 'x-shopify-hmac-sha256': getHmac(body, secret) };
    expect((await post(t, hook.path, body, headers)).status).toBe(202);
    expect((await post(t, hook.path, body, { ...headers, 'x-shopify-hmac-sha256': getHmac(body, 'other') })).body.error.reason).toBe('signature_mismatch');
  });

  it('slack: answers url_verification with the challenge and stores nothing; events dedupe across retries', async () => {
    const secret = 'slack-signing-secret-ingest';
    const hook = await deployTrigger(t, { kind: 'signature', preset: 'slack', credentialId: await createCredential(t, 'slack', { signingSecret: secret }) });
    const signed = (body: string, key = secret, ts = nowS()) => ({
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': `v0=${createHmac('sha256', key).update(`v0:${ts}:${body}`).digest('hex')}`,
    });
    const events = await count(t, 'events');
    const challenge = JSON.stringify({ token: 'x', challenge: 'chal-123', type: 'url_verification' });
    const answered = await post(t, hook.path, challenge, signed(challenge));
    expect(answered.status).toBe(200);
    expect(answered.text).toBe('chal-123');
    expect(await count(t, 'events')).toBe(events);
    expect((await post(t, hook.path, challenge, signed(challenge, 'forged'))).status).toBe(401);

    const event = JSON.stringify({ type: 'event_callback', event_id: 'Ev123', event: { type: 'message', text: 'hi' } });
    const first = await post(t, hook.path, event, signed(event));
    expect(first.status).toBe(202);
    const retry = await post(t, hook.path, event, { ...signed(event), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry.status).toBe(200);
    expect(retry.body.runId).toBe(first.body.runId);
    expect((await post(t, hook.path, event, signed(event, secret, nowS() - 600))).body.error.reason).toBe('timestamp_out_of_range');
  });

  it('twilio: a form post signed over PUBLIC_URL + path with the SDK', async () => {
    const token = 'twilio-auth-token-0123456789abcdef';
    const credentialId = await createCredential(t, 'twilio', { accountSid: `AC${'a'.repeat(32)}`, authToken: token });
    const hook = await deployTrigger(t, { kind: 'signature', preset: 'twilio', credentialId });
    expect(hook.url.startsWith(t.config.publicUrl)).toBe(true);
    const params = { From: '+15005550006', To: '+15005550001', Body: 'STOP' };
    const body = new URLSearchParams(params).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'i-twilio-idempotency-token': 'tw-1', 'x-twilio-signature': twilio.getExpectedTwilioSignature(token, hook.url, params) };
    expect((await post(t, hook.path, body, headers)).status).toBe(202);
    expect((await post(t, hook.path, body, headers)).status).toBe(200);
    const elsewhere = twilio.getExpectedTwilioSignature(token, `http://attacker.example${hook.path}`, params);
    expect((await post(t, hook.path, body, { ...headers, 'x-twilio-signature': elsewhere })).body.error.reason).toBe('signature_mismatch');
  });

  it('pagerduty, svix and generic hmac triggers accept their signatures and dedupe on the provider id', async () => {
    const pdSecret = 'pd-ingest-secret';
    const pd = await deployTrigger(t, { kind: 'signature', preset: 'pagerduty', credentialId: await createCredential(t, 'webhook-secret', { secret: pdSecret }) });
    const pdBody = JSON.stringify({ event: { id: 'E1', event_type: 'incident.triggered' } });
    const pdHeaders = { 'content-type': 'application/json', 'x-webhook-id': 'pd-1', 'x-pagerduty-signature': `v1=${createHmac('sha256', pdSecret).update(pdBody).digest('hex')}` };
    expect((await post(t, pd.path, pdBody, pdHeaders)).status).toBe(202);
    expect((await post(t, pd.path, pdBody, pdHeaders)).status).toBe(200);

    const swSecret = `whsec_${Buffer.from('ingest-standard-webhooks-key-32b').toString('base64')}`;
    const sw = await deployTrigger(t, { kind: 'signature', preset: 'standard-webhooks', credentialId: await createCredential(t, 'webhook-secret', { secret: swSecret }) });
    const swBody = JSON.stringify({ type: 'user.created' });
    const swHeaders = { 'content-type': 'application/json', 'svix-id': 'msg_1', 'svix-timestamp': String(nowS()), 'svix-signature': new SvixWebhook(swSecret).sign('msg_1', new Date(), swBody) };
    expect((await post(t, sw.path, swBody, swHeaders)).status).toBe(202);
    expect((await post(t, sw.path, swBody, swHeaders)).status).toBe(200);
    expect((await post(t, sw.path, swBody, { ...swHeaders, 'svix-id': 'msg_2' })).body.error.reason).toBe('signature_mismatch');

    const hmacSecret = 'inventory-secret';
    const hm = await deployTrigger(t, {
      kind: 'signature',
      preset: 'hmac',
      credentialId: await createCredential(t, 'webhook-secret', { secret: hmacSecret }),
      hmac: { header: 'X-Inventory-Signature', encoding: 'base64', signedContent: 'template', template: '{timestamp}.{body}', timestampHeader: 'X-Inventory-Timestamp', idHeader: 'X-Inventory-Id' },
    });
    const hmBody = JSON.stringify({ sku: 'A-1', left: 2 });
    const ts = String(nowS());
    const hmHeaders = {
      'content-type': 'application/json',
      'x-inventory-id': 'inv-1',
      'x-inventory-timestamp': ts,
      'x-inventory-signature': createHmac('sha256', hmacSecret).update(`${ts}.${hmBody}`).digest('base64'),
    };
    expect((await post(t, hm.path, hmBody, hmHeaders)).status).toBe(202);
    expect((await post(t, hm.path, hmBody, hmHeaders)).status).toBe(200);
  });

  it('basic and header auth', async () => {
    const basic = await deployTrigger(t, { kind: 'basic', credentialId: await createCredential(t, 'basic', { username: 'form', password: 'hunter2-long' }) });
    const auth = (u: string, p: string) => ({ 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}` });
    expect((await post(t, basic.path, '{}', auth('form', 'hunter2-long'))).status).toBe(202);
    expect((await post(t, basic.path, '{}', auth('form', 'hunter3-long'))).body.error.reason).toBe('auth_mismatch');
    expect((await post(t, basic.path, '{}', { 'content-type': 'application/json' })).body.error.reason).toBe('auth_missing');

    const header = await deployTrigger(t, { kind: 'header', credentialId: await createCredential(t, 'header', { name: 'X-Api-Key', value: 'key-abc-123' }) });
    expect((await post(t, header.path, '{}', { 'content-type': 'application/json', 'x-api-key': 'key-abc-123' })).status).toBe(202);
    expect((await post(t, header.path, '{}', { 'content-type': 'application/json', 'x-api-key': 'key-abc-124' })).status).toBe(401);
    expect((await stats(header.workflowId)).byReason).toEqual({ auth_mismatch: 1 });
  });
});
