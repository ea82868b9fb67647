import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailchimpFake } from '../../support/fakes/mailchimp-fake.js';
import { actStep, createCredential, expectNoSecrets, runAction, startAppsApp, type AppsApp } from './support.js';

const apiKey = '0123456789abcdefLEAKCHECK0123456-us21';
const listId = 'a1b2c3d4e5';
let mailchimp: Awaited<ReturnType<typeof startMailchimpFake>>;
let t: AppsApp;
const creds: Record<string, string> = {};
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const basic = Buffer.from(`switchyard:${apiKey}`).toString('base64');

beforeAll(async () => {
  // The datacenter of the key picks the server: the fake lives under /dc-us21 and {dc} is filled in.
  mailchimp = await startMailchimpFake({ apiKey, listId, prefix: '/dc-us21' });
  t = await startAppsApp({ MAILCHIMP_API_URL: `${mailchimp.url}/dc-{dc}` });
  creds.key = await createCredential(t, 'mailchimp', { apiKey });
  creds.otherDc = await createCredential(t, 'mailchimp', { apiKey: 'ffffffffffffffffLEAKCHECKffffffff-us9' });
  creds.slack = await createCredential(t, 'slack', { botToken: 'xoxb-LEAKCHECK-in-mailchimp' });
});
afterAll(async () => {
  await t?.stop();
  await mailchimp?.close();
});

describe('mailchimp', () => {
  it("adds a member with PUT members/{md5(lower-cased email)} on the key's datacenter, then tags them", async () => {
    const before = mailchimp.requests.length;
    const run = await runAction(
      t,
      'mailchimp',
      { credentialId: creds.key, listId, email: '{{ trigger.body.email }}', status: 'pending', mergeFields: { FNAME: '{{ trigger.body.first }}' }, tags: ['signup', 'web'] },
      { email: 'Ana.Lima@Example.com', first: 'Ana' },
    );
    expect(run.status, run.text).toBe('succeeded');
    const hash = md5('ana.lima@example.com');
    expect(actStep(run).output).toMatchObject({ id: hash, email_address: 'Ana.Lima@Example.com', status: 'pending', merge_fields: { FNAME: 'Ana' }, list_id: listId });
    const [put, tags] = mailchimp.requests.slice(before);
    expect(put).toMatchObject({ method: 'PUT', path: `/dc-us21/3.0/lists/${listId}/members/${hash}` });
    expect(put?.headers.authorization).toBe(`Basic ${basic}`);
    expect(JSON.parse(put?.body ?? '')).toEqual({ email_address: 'Ana.Lima@Example.com', status_if_new: 'pending', merge_fields: { FNAME: 'Ana' } });
    expect(tags).toMatchObject({ method: 'POST', path: `/dc-us21/3.0/lists/${listId}/members/${hash}/tags` });
    expect(JSON.parse(tags?.body ?? '')).toEqual({
      tags: [
        { name: 'signup', status: 'active' },
        { name: 'web', status: 'active' },
      ],
    });
    expect(mailchimp.members.get(hash)?.tags.map((x) => x.name)).toEqual(['signup', 'web']);
    expect(mailchimp.problems).toEqual([]);
  });

  it("leaves an existing member's status alone unless asked to set it", async () => {
    const email = 'gone@example.com';
    await runAction(t, 'mailchimp', { credentialId: creds.key, listId, email, status: 'unsubscribed' });
    const again = await runAction(t, 'mailchimp', { credentialId: creds.key, listId, email });
    expect(actStep(again).output).toMatchObject({ status: 'unsubscribed' });
    const forced = await runAction(t, 'mailchimp', { credentialId: creds.key, listId, email, status: 'subscribed', applyStatusToExisting: true });
    expect(actStep(forced).output).toMatchObject({ status: 'subscribed' });
    expect(mailchimp.problems).toEqual([]);
  });

  it("fails for good with Mailchimp's problem title and detail (400 Forgotten Email Not Subscribed)", async () => {
    const run = await runAction(t, 'mailchimp', { credentialId: creds.key, listId, email: 'forgotten@example.com' });
    expect(run.status).toBe('failed');
    const step = actStep(run);
    expect(step.error).toMatchObject({ code: 'mailchimp_error', status: 400, mailchimpTitle: 'Forgotten Email Not Subscribed', retryable: false });
    expect(String(step.error?.message)).toContain('permanently deleted');
    const unknownList = await runAction(t, 'mailchimp', { credentialId: creds.key, listId: 'zzz', email: 'a@example.com' });
    expect(actStep(unknownList).error).toMatchObject({ code: 'mailchimp_error', status: 404, mailchimpTitle: 'Resource Not Found' });
  });

  it("retries a 500 on the step's schedule", async () => {
    mailchimp.failNext({
      status: 500,
      headers: { 'content-type': 'application/problem+json' },
      body: { type: 'https://mailchimp.com/developer/marketing/docs/errors/', title: 'Internal Server Error', status: 500, detail: 'An unexpected internal error has occurred.' },
    });
    const run = await runAction(t, 'mailchimp', { credentialId: creds.key, listId, email: 'retry@example.com', retry: { attempts: 3, schedule: ['100ms'] } });
    expect(run.status, run.text).toBe('succeeded');
    expect(actStep(run).attempts[0]).toMatchObject({ error: { code: 'mailchimp_error', status: 500, retryable: true, mailchimpTitle: 'Internal Server Error' } });
  });

  it('goes to the datacenter of the key, refuses other credential types, and keeps the key secret', async () => {
    const before = mailchimp.requests.length;
    const wrongType = await runAction(t, 'mailchimp', { credentialId: creds.slack, listId, email: 'a@example.com' });
    expect(actStep(wrongType).error).toMatchObject({ code: 'credential_wrong_type', retryable: false });
    expect(mailchimp.requests.length).toBe(before);
    const otherDc = await runAction(t, 'mailchimp', { credentialId: creds.otherDc, listId, email: 'a@example.com' });
    expect(mailchimp.requests[before]?.path.startsWith('/dc-us9/')).toBe(true);
    expect(actStep(otherDc).error).toMatchObject({ code: 'mailchimp_error', status: 401, mailchimpTitle: 'API Key Invalid', retryable: false });
    await expectNoSecrets(t, otherDc.text.match(/"id":"([^"]+)"/)?.[1] ?? '', [apiKey, basic, 'ffffffffffffffffLEAKCHECKffffffff-us9', 'xoxb-LEAKCHECK-in-mailchimp']);
  });
});
