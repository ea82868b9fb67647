import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpFake } from '../../support/fakes/smtp-fake.js';
import { startTwilioFake } from '../../support/fakes/twilio-fake.js';
import { standardWebhooksSigner } from './signers.js';
import { createCredential, deliver, deliverAndRun, instantiate, mailText, sample, startTestApp, template, type TemplateApp } from './support.js';

const SECRET = `whsec_${Buffer.from('abandoned-cart-template-secret!!').toString('base64')}`;
const ACCOUNT_SID = 'ACabcdef0123456789abcdef0123456789';
const AUTH_TOKEN = 'tmpl-cart-twilio-token-0123456789';
const FROM = '+14155550100';
const tpl = template('abandoned-cart-reminder');
let t: TemplateApp;
let twilio: Awaited<ReturnType<typeof startTwilioFake>>;
let smtp: Awaited<ReturnType<typeof startSmtpFake>>;
let hook: Awaited<ReturnType<typeof instantiate>>;

beforeAll(async () => {
  twilio = await startTwilioFake({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, numbers: [FROM] });
  smtp = await startSmtpFake({ username: 'shop', password: 'smtp-cart-pass' });
  t = await startTestApp({ TWILIO_API_URL: twilio.url });
  hook = await instantiate(
    t,
    tpl.id,
    {
      storeSecret: await createCredential(t, 'webhook-secret', { secret: SECRET }),
      twilio: await createCredential(t, 'twilio', { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }),
      smtp: await createCredential(t, 'smtp', { host: smtp.host, port: smtp.port, secure: false, username: 'shop', password: 'smtp-cart-pass', from: 'Kettle & Co <shop@kettle.example>' }),
    },
    // A short wait so the test does not sit for an hour; the delay is durable either way.
    { delay: '1s', storeName: 'Kettle & Co', smsFrom: FROM },
  );
});
afterAll(async () => {
  await t?.stop();
  await twilio?.close();
  await smtp?.close();
});

describe('template: abandoned cart -> delayed reminder', () => {
  it('waits, then texts a shopper who agreed to SMS', async () => {
    const run = await deliverAndRun(t, hook, sample(tpl, 'checkout.abandoned.sms'), standardWebhooksSigner(SECRET, 'msg_2Kcart0001'));
    expect(run.status, run.text).toBe('succeeded');
    expect(run.statuses).toEqual({ store: 'succeeded', abandoned: 'succeeded', wait: 'succeeded', sms_ok: 'succeeded', sms: 'succeeded', email: 'skipped' });
    expect(twilio.requests).toHaveLength(1);
    expect(twilio.requests[0]).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json` });
    expect(Object.fromEntries(new URLSearchParams(twilio.requests[0]?.body))).toEqual({
      To: '+4915123456789',
      From: FROM,
      Body: 'Hi Lena, your cart at Kettle & Co is still waiting: https://shop.example.com/cart/recover/9f8e7d6c5b4a?token=r3c0v3r Reply STOP to opt out.',
    });
    expect(twilio.problems).toEqual([]);
    for (const secret of [SECRET, AUTH_TOKEN]) expect(run.text).not.toContain(secret);
    expect(smtp.messages).toHaveLength(0);
  });

  it('waits, then emails a shopper without SMS consent, listing the cart', async () => {
    const run = await deliverAndRun(t, hook, sample(tpl, 'checkout.abandoned.email'), standardWebhooksSigner(SECRET, 'msg_2Kcart0002'));
    expect(run.status, run.text).toBe('succeeded');
    expect(run.statuses).toEqual({ store: 'succeeded', abandoned: 'succeeded', wait: 'succeeded', sms_ok: 'succeeded', sms: 'skipped', email: 'succeeded' });
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    expect(mail?.rcptTo).toEqual(['tom.becker@example.com']);
    expect(mail?.headers.subject).toBe('Kettle & Co: you left something in your cart');
    expect(mailText(mail?.raw ?? '')).toBe(
      'Hi Tom,\n\nyou left these in your cart:\n- 2 × Ceramic mug, blue\n- 1 × Pour-over kettle\n\nTotal: 84.90 EUR\nPick up where you left off: https://shop.example.com/cart/recover/0a1b2c3d4e5f?token=x9y8z7\n\nKettle & Co',
    );
    expect(twilio.requests).toHaveLength(1);
  });

  it('dedupes a repeated webhook-id', async () => {
    const again = await deliver(t, hook, sample(tpl, 'checkout.abandoned.sms'), standardWebhooksSigner(SECRET, 'msg_2Kcart0001'));
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
  });
});
