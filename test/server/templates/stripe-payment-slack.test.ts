import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackHookPath, startSlackFake } from '../../support/fakes/slack-fake.js';
import { stripeSigner } from './signers.js';
import { createCredential, deliver, deliverAndRun, instantiate, sample, startTestApp, template, type TemplateApp } from './support.js';

const SECRET = 'whsec_tmpl_payment_0123456789abcdef';
const tpl = template('stripe-payment-succeeded-slack');
let t: TemplateApp;
let slack: Awaited<ReturnType<typeof startSlackFake>>;
let hook: Awaited<ReturnType<typeof instantiate>>;

beforeAll(async () => {
  slack = await startSlackFake({ botToken: 'xoxb-unused' });
  t = await startTestApp({ SLACK_API_URL: `${slack.url}/api` });
  hook = await instantiate(t, tpl.id, {
    stripeSecret: await createCredential(t, 'webhook-secret', { secret: SECRET }),
    slackWebhook: await createCredential(t, 'webhook-url', { url: `${slack.url}${slackHookPath}` }),
  });
});
afterAll(async () => {
  await t?.stop();
  await slack?.close();
});

describe('template: Stripe payment succeeded -> Slack', () => {
  it('posts the formatted payment to the Slack webhook for a Stripe-signed payment_intent.succeeded', async () => {
    const run = await deliverAndRun(t, hook, sample(tpl, 'payment_intent.succeeded'), stripeSigner(SECRET));
    expect(run.status, run.text).toBe('succeeded');
    expect(run.statuses).toEqual({ stripe: 'succeeded', succeeded: 'succeeded', format: 'succeeded', slack: 'succeeded' });
    expect(slack.requests).toHaveLength(1);
    const [req] = slack.requests;
    expect(req).toMatchObject({ method: 'POST', path: slackHookPath });
    expect(JSON.parse(req?.body ?? '')).toEqual({
      text: ':moneybag: Payment of 49.00 USD from jenny.rosen@example.com succeeded.',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: ':moneybag: *49.00 USD* from jenny.rosen@example.com\nPro plan (monthly)' } },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Stripe' }, url: 'https://dashboard.stripe.com/test/payments/pi_3PjJ2sLkdIwHu7ix0w9x8y7z' }] },
      ],
    });
    expect(slack.problems).toEqual([]);
    expect(run.text).not.toContain(SECRET);
    expect(run.text).not.toContain(slackHookPath);
  });

  it('treats a redelivery of the same event as a duplicate: no second run, no second message', async () => {
    const again = await deliver(t, hook, sample(tpl, 'payment_intent.succeeded'), stripeSigner(SECRET));
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    expect(slack.requests).toHaveLength(1);
  });

  it('lets other event types go without posting', async () => {
    const run = await deliverAndRun(t, hook, sample(tpl, 'payment_intent.payment_failed'), stripeSigner(SECRET));
    expect(run.status).toBe('succeeded');
    expect(run.statuses).toMatchObject({ succeeded: 'succeeded', format: 'skipped', slack: 'skipped' });
    expect(slack.requests).toHaveLength(1);
  });

  it('refuses a forged event with 401 and runs nothing', async () => {
    const res = await deliver(t, hook, sample(tpl, 'payment_intent.succeeded'), stripeSigner('whsec_someone_else'));
    expect(res.status).toBe(401);
    expect(res.body.error.reason).toBe('signature_mismatch');
    expect(slack.requests).toHaveLength(1);
  });
});
