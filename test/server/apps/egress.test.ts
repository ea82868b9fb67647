import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackFake, slackHookPath } from '../../support/fakes/slack-fake.js';
import { startSmtpFake, type SmtpFake } from '../../support/fakes/smtp-fake.js';
import { actStep, createCredential, runAction, startAppsApp, type AppsApp } from './support.js';

// This app has no EGRESS_ALLOW: loopback is private, so every action aimed at the fakes must be
// refused before a connection is made. The fakes count what reaches them.
let smtp: SmtpFake;
let slack: Awaited<ReturnType<typeof startSlackFake>>;
let t: AppsApp;

beforeAll(async () => {
  smtp = await startSmtpFake({ username: 'u', password: 'LEAKCHECK-egress-smtp' });
  slack = await startSlackFake({ botToken: 'xoxb-egress' });
  t = await startAppsApp({ EGRESS_ALLOW: '', SLACK_API_URL: `${slack.url}/api` });
});
afterAll(async () => {
  await t?.stop();
  await smtp?.close();
  await slack?.close();
});

describe('app actions obey the egress policy', () => {
  it('email: the SMTP host is resolved and refused before connecting, by address or by name', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const id = await createCredential(t, 'smtp', { host, port: smtp.port, username: 'u', password: 'LEAKCHECK-egress-smtp', from: 'a@example.test' });
      const run = await runAction(t, 'email', { credentialId: id, to: 'b@example.test', subject: 's', text: 'x' });
      expect(run.status).toBe('failed');
      expect(actStep(run).error).toMatchObject({ code: 'egress_blocked', retryable: false });
      expect(String(actStep(run).error?.message)).toMatch(/loopback/);
    }
    expect(smtp.connections).toBe(0);
  });

  it('HTTP apps: an incoming webhook and a configured API URL on a private address are refused', async () => {
    const hook = await createCredential(t, 'webhook-url', { url: `${slack.url}${slackHookPath}` });
    const bot = await createCredential(t, 'slack', { botToken: 'xoxb-egress' });
    for (const config of [
      { operation: 'webhook', credentialId: hook, text: 'x' },
      { operation: 'postMessage', credentialId: bot, channel: '#a', text: 'x' },
    ]) {
      const run = await runAction(t, 'slack', config);
      expect(actStep(run).error).toMatchObject({ code: 'egress_blocked', retryable: false });
    }
    expect(slack.requests).toHaveLength(0);
  });
});
