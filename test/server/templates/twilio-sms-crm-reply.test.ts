import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubspotFake } from '../../support/fakes/hubspot-fake.js';
import { twilioSigner } from './signers.js';
import { createCredential, deliver, instantiate, runOf, sample, startTestApp, template, type TemplateApp } from './support.js';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'tmpl-twilio-auth-token-0123456789ab';
const HUBSPOT = 'pat-na1-tmpl-sms-2222';
const tpl = template('twilio-sms-crm-autoreply');
let t: TemplateApp;
let hubspot: Awaited<ReturnType<typeof startHubspotFake>>;
let hook: Awaited<ReturnType<typeof instantiate>>;

beforeAll(async () => {
  hubspot = await startHubspotFake({ accessToken: HUBSPOT });
  // Twilio signs the URL it calls: PUBLIC_URL (http://127.0.0.1:9 in test apps) is what the trigger checks against.
  t = await startTestApp({ HUBSPOT_API_URL: hubspot.url });
  hook = await instantiate(
    t,
    tpl.id,
    {
      twilio: await createCredential(t, 'twilio', { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }),
      hubspot: await createCredential(t, 'hubspot', { accessToken: HUBSPOT }),
    },
    { reply: 'Thanks! A human will text you back within the hour & yes, we ship <everywhere>.' },
  );
});
afterAll(async () => {
  await t?.stop();
  await hubspot?.close();
});

describe('template: inbound SMS -> HubSpot + auto-reply', () => {
  it('answers Twilio with TwiML at once and logs the message as a HubSpot deal', async () => {
    const res = await deliver(t, hook, sample(tpl, 'inbound-sms'), twilioSigner(AUTH_TOKEN));
    expect(res.status, res.text).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(res.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thanks! A human will text you back within the hour &amp; yes, we ship &lt;everywhere&gt;.</Message></Response>');

    const runs = await request(t.app.handler).get(`/api/runs?workflowId=${hook.workflowId}`).set(t.auth);
    expect(runs.body.runs).toHaveLength(1);
    const run = await runOf(t, runs.body.runs[0].id);
    expect(run.status, run.text).toBe('succeeded');
    expect(run.statuses).toEqual({ sms: 'succeeded', reply: 'succeeded', crm: 'succeeded' });
    expect(hubspot.requests).toHaveLength(1);
    expect(hubspot.requests[0]).toMatchObject({ method: 'POST', path: '/crm/v3/objects/deals' });
    expect(JSON.parse(hubspot.requests[0]?.body ?? '')).toEqual({
      properties: { dealname: 'SMS from +12125550123', pipeline: 'default', dealstage: 'appointmentscheduled', description: 'Hi! Do you ship to Canada?\n\nFrom +12125550123 (NEW YORK, US)' },
    });
    expect(hubspot.problems).toEqual([]);
    for (const secret of [AUTH_TOKEN, HUBSPOT]) expect(run.text).not.toContain(secret);
  });

  it('refuses a request signed for another URL (or with another token)', async () => {
    const forged = await deliver(t, hook, sample(tpl, 'inbound-sms'), (s, body) => twilioSigner(AUTH_TOKEN)(s, body, 'https://elsewhere.example.com/hooks/x'), {
      'I-Twilio-Idempotency-Token': 'other-token',
    });
    expect(forged.status).toBe(401);
    const wrongToken = await deliver(t, hook, sample(tpl, 'inbound-sms'), twilioSigner('0123456789abcdef0123456789abcdef'), { 'I-Twilio-Idempotency-Token': 'other-token-2' });
    expect(wrongToken.status).toBe(401);
    expect(hubspot.requests).toHaveLength(1);
  });
});
