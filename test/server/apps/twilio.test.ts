import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioFake } from '../../support/fakes/twilio-fake.js';
import { actStep, createCredential, expectNoSecrets, fire, hookTo, runAction, startAppsApp, waitRun, type AppsApp } from './support.js';

const accountSid = `AC${'0123456789abcdef'.repeat(2)}`;
const authToken = 'LEAKCHECK-twilio-auth-token-0001';
const from = '+15017122661';
let twilio: Awaited<ReturnType<typeof startTwilioFake>>;
let t: AppsApp;
const creds: Record<string, string> = {};
const basic = Buffer.from(`${accountSid}:${authToken}`).toString('base64');

beforeAll(async () => {
  twilio = await startTwilioFake({ accountSid, authToken, numbers: [from] });
  t = await startAppsApp({ TWILIO_API_URL: twilio.url });
  creds.twilio = await createCredential(t, 'twilio', { accountSid, authToken });
  creds.oldToken = await createCredential(t, 'twilio', { accountSid, authToken: 'LEAKCHECK-twilio-old-token' });
  creds.basic = await createCredential(t, 'basic', { username: 'u', password: 'LEAKCHECK-basic-password' });
});
afterAll(async () => {
  await t?.stop();
  await twilio?.close();
});

describe('twilio', () => {
  it('sends an SMS: form-encoded To, From, Body with Basic auth, and outputs the Message resource', async () => {
    const before = twilio.requests.length;
    const run = await runAction(
      t,
      'twilio',
      { credentialId: creds.twilio, from, to: '{{ trigger.body.phone }}', body: 'Hi {{ trigger.body.name }}, your order shipped.' },
      { phone: '+15558675310', name: 'Ana' },
    );
    expect(run.status, run.text).toBe('succeeded');
    expect(actStep(run).output).toMatchObject({ sid: expect.stringMatching(/^SM[0-9a-f]{32}$/), status: 'queued', to: '+15558675310', from, body: 'Hi Ana, your order shipped.' });
    const req = twilio.requests[before];
    expect(req).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${accountSid}/Messages.json` });
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req?.headers.authorization).toBe(`Basic ${basic}`);
    expect(Object.fromEntries(new URLSearchParams(req?.body))).toEqual({ To: '+15558675310', From: from, Body: 'Hi Ana, your order shipped.' });
    expect(twilio.problems).toEqual([]);
  });

  it("fails for good with Twilio's error code (400, 21211 invalid To)", async () => {
    const run = await runAction(t, 'twilio', { credentialId: creds.twilio, from, to: '555-0100', body: 'x' });
    expect(run.status).toBe('failed');
    const step = actStep(run);
    expect(step.error).toMatchObject({ code: 'twilio_error', status: 400, twilioCode: 21211, moreInfo: 'https://www.twilio.com/docs/errors/21211', retryable: false });
    expect(String(step.error?.message)).toContain("The 'To' number 555-0100 is not a valid phone number.");
    expect(step.attempts).toHaveLength(1);
    const auth = await runAction(t, 'twilio', { credentialId: creds.oldToken, from, to: '+15558675310', body: 'x' });
    expect(actStep(auth).error).toMatchObject({ code: 'twilio_error', status: 401, twilioCode: 20003, retryable: false });
  });

  it('retries a 429 (code 20429) through the engine after at least a minute', async () => {
    twilio.failNext({ status: 429, body: { code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 } });
    const runId = await fire(t, await hookTo(t, 'twilio', { credentialId: creds.twilio, from, to: '+15558675310', body: 'later' }), {});
    const waiting = await waitRun(t, runId, (r) => ['waiting', 'failed', 'succeeded'].includes(r.status));
    expect(waiting.status, waiting.text).toBe('waiting');
    const first = actStep(waiting).attempts[0] as { error: Record<string, unknown>; finishedAt: number; nextAttemptAt: number };
    expect(first.error).toMatchObject({ code: 'twilio_error', status: 429, twilioCode: 20429, retryable: true });
    t.advance(first.nextAttemptAt - first.finishedAt + 1_000);
    expect((await waitRun(t, runId)).status).toBe('succeeded');
  });

  it("retries a 503 on the step's schedule", async () => {
    twilio.failNext({ status: 503, body: { code: 20503, message: 'Service Unavailable', more_info: 'https://www.twilio.com/docs/errors/20503', status: 503 } });
    const run = await runAction(t, 'twilio', { credentialId: creds.twilio, from, to: '+15558675310', body: 'x', retry: { attempts: 2, schedule: ['100ms'] } });
    expect(run.status, run.text).toBe('succeeded');
    expect(actStep(run).attempts[0]).toMatchObject({ error: { code: 'twilio_error', status: 503, retryable: true } });
  });

  it('refuses another credential type without calling Twilio, and keeps the token (and its Basic form) secret', async () => {
    const before = twilio.requests.length;
    const wrong = await runAction(t, 'twilio', { credentialId: creds.basic, from, to: '+15558675310', body: 'x' });
    expect(actStep(wrong).error).toMatchObject({ code: 'credential_wrong_type', retryable: false });
    expect(twilio.requests.length).toBe(before);
    const run = await runAction(t, 'twilio', { credentialId: creds.twilio, from, to: '+15558675310', body: 'x' });
    await expectNoSecrets(t, run.text.match(/"id":"([^"]+)"/)?.[1] ?? '', [authToken, basic, 'LEAKCHECK-twilio-old-token', 'LEAKCHECK-basic-password']);
  });
});
