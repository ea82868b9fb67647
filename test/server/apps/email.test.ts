import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpFake, type SmtpFake } from '../../support/fakes/smtp-fake.js';
import { actStep, createCredential, expectNoSecrets, runAction, startAppsApp, type AppsApp } from './support.js';

const password = 'LEAKCHECK-smtp-password-0001';
let smtp: SmtpFake;
let t: AppsApp;
const creds: Record<string, string> = {};

beforeAll(async () => {
  smtp = await startSmtpFake({ username: 'shop', password });
  t = await startAppsApp({});
  const server = { host: smtp.host, port: smtp.port, secure: false, from: 'Shop <shop@example.test>' };
  creds.smtp = await createCredential(t, 'smtp', { ...server, username: 'shop', password });
  creds.badLogin = await createCredential(t, 'smtp', { ...server, username: 'shop', password: 'LEAKCHECK-wrong-smtp-password' });
  creds.hubspot = await createCredential(t, 'hubspot', { accessToken: 'pat-na1-LEAKCHECK-in-email' });
});
afterAll(async () => {
  await t?.stop();
  await smtp?.close();
});

describe('email', () => {
  it('sends through the SMTP server with its login: sender from the credential, recipients, subject, text and HTML', async () => {
    const before = smtp.messages.length;
    const run = await runAction(
      t,
      'email',
      {
        credentialId: creds.smtp,
        to: '{{ trigger.body.email }}',
        cc: 'sales@example.test',
        bcc: 'audit@example.test',
        replyTo: 'help@example.test',
        subject: 'Welcome, {{ trigger.body.name }}',
        text: 'Hello {{ trigger.body.name }}!',
        html: '<p>Hello <b>{{ trigger.body.name }}</b>!</p>',
      },
      { email: 'ana@example.test', name: 'Ana' },
    );
    expect(run.status, run.text).toBe('succeeded');
    const out = actStep(run).output as { messageId: string; accepted: string[]; rejected: string[]; response: string };
    expect(out.accepted).toEqual(['ana@example.test', 'sales@example.test', 'audit@example.test']);
    expect(out.rejected).toEqual([]);
    expect(out.response).toContain('250');
    expect(out.messageId).toMatch(/^<.+@example\.test>$/);
    const m = smtp.messages[before];
    expect(m?.user).toBe('shop');
    expect(m?.mailFrom).toBe('shop@example.test');
    expect(m?.rcptTo).toEqual(['ana@example.test', 'sales@example.test', 'audit@example.test']);
    expect(m?.headers).toMatchObject({
      from: 'Shop <shop@example.test>',
      to: 'ana@example.test',
      cc: 'sales@example.test',
      'reply-to': 'help@example.test',
      subject: 'Welcome, Ana',
      'message-id': out.messageId,
    });
    expect(m?.headers.bcc).toBeUndefined();
    expect(m?.raw).toContain('Hello Ana!');
    expect(m?.raw).toContain('<p>Hello <b>Ana</b>!</p>');
  });

  it('does not let a rendered subject add headers or recipients', async () => {
    const before = smtp.messages.length;
    const run = await runAction(t, 'email', { credentialId: creds.smtp, to: 'ana@example.test', subject: '{{ trigger.body.subject }}', text: 'x' }, { subject: 'Hi\r\nBcc: evil@example.test' });
    expect(run.status, run.text).toBe('succeeded');
    expect(smtp.messages[before]?.rcptTo).toEqual(['ana@example.test']);
    expect(smtp.messages[before]?.headers.bcc).toBeUndefined();
  });

  it('a 550 for the only recipient fails for good; a 451 is retried with the same Message-ID', async () => {
    const bounced = await runAction(t, 'email', { credentialId: creds.smtp, to: 'nobody@bounce.test', subject: 's', text: 'x' });
    expect(bounced.status).toBe('failed');
    expect(actStep(bounced).error).toMatchObject({ code: 'smtp_rejected', smtpCode: 550, retryable: false });
    expect(actStep(bounced).attempts).toHaveLength(1);

    smtp.tempFail(1);
    const before = smtp.messages.length;
    const retried = await runAction(t, 'email', { credentialId: creds.smtp, to: 'bo@example.test', subject: 'again', text: 'x', retry: { attempts: 3, schedule: ['100ms'] } });
    expect(retried.status, retried.text).toBe('succeeded');
    const step = actStep(retried);
    expect(step.attempts[0]).toMatchObject({ status: 'retrying', error: { code: 'smtp_temporary_failure', smtpCode: 451, retryable: true } });
    expect(smtp.messages.length).toBe(before + 1);
    expect(smtp.messages[before]?.headers['message-id']).toBe((step.output as { messageId: string }).messageId);
  });

  it('a refused login fails for good and names the problem', async () => {
    const run = await runAction(t, 'email', { credentialId: creds.badLogin, to: 'a@example.test', subject: 's', text: 'x' });
    expect(actStep(run).error).toMatchObject({ code: 'smtp_auth_failed', smtpCode: 535, retryable: false });
  });

  it('refuses another credential type without connecting, and keeps the password out of runs and logs', async () => {
    const connections = smtp.connections;
    const wrong = await runAction(t, 'email', { credentialId: creds.hubspot, to: 'a@example.test', subject: 's', text: 'x' });
    expect(actStep(wrong).error).toMatchObject({ code: 'credential_wrong_type', retryable: false });
    expect(smtp.connections).toBe(connections);
    const run = await runAction(t, 'email', { credentialId: creds.badLogin, to: 'a@example.test', subject: 's', text: 'x' });
    await expectNoSecrets(t, run.text.match(/"id":"([^"]+)"/)?.[1] ?? '', [
      password,
      'LEAKCHECK-wrong-smtp-password',
      'pat-na1-LEAKCHECK-in-email',
      Buffer.from(`\0shop\0${password}`).toString('base64'),
    ]);
  });
});
