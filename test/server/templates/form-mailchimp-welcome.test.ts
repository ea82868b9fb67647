import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailchimpFake } from '../../support/fakes/mailchimp-fake.js';
import { startSmtpFake } from '../../support/fakes/smtp-fake.js';
import { tallySigner } from './signers.js';
import { createCredential, deliver, deliverAndRun, instantiate, mailText, sample, startTestApp, template, type TemplateApp } from './support.js';

const SECRET = 'tally-tmpl-signing-secret-4e7a';
const API_KEY = '0123456789abcdeftmplform01234567-us21';
const LIST = 'a1b2c3d4e5';
const tpl = template('form-mailchimp-welcome');
let t: TemplateApp;
let mailchimp: Awaited<ReturnType<typeof startMailchimpFake>>;
let smtp: Awaited<ReturnType<typeof startSmtpFake>>;
let hook: Awaited<ReturnType<typeof instantiate>>;
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

beforeAll(async () => {
  mailchimp = await startMailchimpFake({ apiKey: API_KEY, listId: LIST, prefix: '/dc-us21' });
  smtp = await startSmtpFake({ username: 'mailer', password: 'smtp-tmpl-pass' });
  t = await startTestApp({ MAILCHIMP_API_URL: `${mailchimp.url}/dc-{dc}` });
  hook = await instantiate(
    t,
    tpl.id,
    {
      formSecret: await createCredential(t, 'webhook-secret', { secret: SECRET }),
      mailchimp: await createCredential(t, 'mailchimp', { apiKey: API_KEY }),
      smtp: await createCredential(t, 'smtp', { host: smtp.host, port: smtp.port, secure: false, username: 'mailer', password: 'smtp-tmpl-pass', from: 'Acme <hello@acme.example>' }),
    },
    { audienceId: LIST, tag: 'newsletter-form', subject: 'Welcome to Acme!' },
  );
});
afterAll(async () => {
  await t?.stop();
  await mailchimp?.close();
  await smtp?.close();
});

describe('template: form submission -> Mailchimp + welcome email', () => {
  it('subscribes the person with their name and tag, then sends the welcome email', async () => {
    const run = await deliverAndRun(t, hook, sample(tpl, 'FORM_RESPONSE'), tallySigner(SECRET));
    expect(run.status, run.text).toBe('succeeded');
    expect(run.statuses).toEqual({ form: 'succeeded', fields: 'succeeded', has_email: 'succeeded', subscribe: 'succeeded', welcome: 'succeeded' });
    expect(run.step('fields')?.output).toEqual({ email: 'alice.martin@example.com', firstName: 'Alice', lastName: 'Martin', form: 'Newsletter sign-up' });

    const hash = md5('alice.martin@example.com');
    expect(mailchimp.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /dc-us21/3.0/lists/${LIST}/members/${hash}`, `POST /dc-us21/3.0/lists/${LIST}/members/${hash}/tags`]);
    expect(JSON.parse(mailchimp.requests[0]?.body ?? '')).toEqual({ email_address: 'alice.martin@example.com', status_if_new: 'subscribed', merge_fields: { FNAME: 'Alice', LNAME: 'Martin' } });
    expect(JSON.parse(mailchimp.requests[1]?.body ?? '')).toEqual({ tags: [{ name: 'newsletter-form', status: 'active' }] });
    expect(mailchimp.problems).toEqual([]);
    for (const secret of [SECRET, API_KEY, 'smtp-tmpl-pass']) expect(run.text).not.toContain(secret);

    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    expect(mail?.rcptTo).toEqual(['alice.martin@example.com']);
    expect(mail?.mailFrom).toBe('hello@acme.example');
    expect(mail?.user).toBe('mailer');
    expect(mail?.headers.subject).toBe('Welcome to Acme!');
    expect(mailText(mail?.raw ?? '')).toBe('Hi Alice,\n\nthanks for signing up through our Newsletter sign-up. You will hear from us soon.\n\nIf this was not you, just ignore this email.');
  });

  it('refuses a submission whose Tally-Signature does not match', async () => {
    const res = await deliver(t, hook, sample(tpl, 'FORM_RESPONSE'), tallySigner('not-the-secret'));
    expect(res.status).toBe(401);
    expect(smtp.messages).toHaveLength(1);
  });
});
