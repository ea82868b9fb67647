import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackArchivedHookPath, slackHookPath, startSlackFake } from '../../support/fakes/slack-fake.js';
import { actStep, createCredential, expectNoSecrets, fire, hookTo, runAction, startAppsApp, waitRun, type AppsApp } from './support.js';

const botToken = 'xoxb-LEAKCHECK-1111-2222-slackbot';
let slack: Awaited<ReturnType<typeof startSlackFake>>;
let t: AppsApp;
const creds: Record<string, string> = {};
const runs: string[] = [];

beforeAll(async () => {
  slack = await startSlackFake({ botToken });
  t = await startAppsApp({ SLACK_API_URL: `${slack.url}/api` });
  creds.bot = await createCredential(t, 'slack', { botToken });
  creds.wrongBot = await createCredential(t, 'slack', { botToken: 'xoxb-LEAKCHECK-revoked-token' });
  creds.signingOnly = await createCredential(t, 'slack', { signingSecret: 'LEAKCHECK-slack-signing-only' });
  creds.hook = await createCredential(t, 'webhook-url', { url: `${slack.url}${slackHookPath}` });
  creds.archived = await createCredential(t, 'webhook-url', { url: `${slack.url}${slackArchivedHookPath}` });
});
afterAll(async () => {
  await t?.stop();
  await slack?.close();
});

const blocks = [
  { type: 'header', text: { type: 'plain_text', text: 'Order {{ trigger.body.id }}' } },
  { type: 'section', text: { type: 'mrkdwn', text: '*Amount:* {{ trigger.body.amount }}' } },
];

describe('slack: chat.postMessage', () => {
  it("posts text, Block Kit blocks and a thread with the bot token, and outputs Slack's answer", async () => {
    const before = slack.requests.length;
    const run = await runAction(
      t,
      'slack',
      { operation: 'postMessage', credentialId: creds.bot, channel: '#sales', text: 'Order {{ trigger.body.id }} paid', blocks, threadTs: '{{ trigger.body.thread }}' },
      { id: 'ord_1', amount: 42, thread: '1699999999.000200' },
    );
    runs.push(run.text);
    expect(run.status, run.text).toBe('succeeded');
    expect(actStep(run).output).toMatchObject({ ok: true, channel: 'C0123ABCD', ts: '1700000000.000100' });
    const req = slack.requests[before];
    expect(req?.path).toBe('/api/chat.postMessage');
    expect(req?.headers.authorization).toBe(`Bearer ${botToken}`);
    expect(req?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(req?.body ?? '')).toEqual({
      channel: '#sales',
      text: 'Order ord_1 paid',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Order ord_1' } },
        { type: 'section', text: { type: 'mrkdwn', text: '*Amount:* 42' } },
      ],
      thread_ts: '1699999999.000200',
    });
    expect(slack.problems).toEqual([]);
  });

  it('takes blocks from one expression that yields a list', async () => {
    const before = slack.requests.length;
    const run = await runAction(
      t,
      'slack',
      { operation: 'postMessage', credentialId: creds.bot, channel: 'C0123ABCD', text: 'fallback', blocks: '{{ trigger.body.blocks }}' },
      { blocks: [{ type: 'divider' }] },
    );
    expect(run.status, run.text).toBe('succeeded');
    expect(JSON.parse(slack.requests[before]?.body ?? '').blocks).toEqual([{ type: 'divider' }]);
    const bad = await runAction(t, 'slack', { operation: 'postMessage', credentialId: creds.bot, channel: 'C0123ABCD', text: 'x', blocks: '{{ trigger.body.blocks }}' }, { blocks: 'not a list' });
    expect(actStep(bad).error).toMatchObject({ code: 'invalid_field', field: 'blocks', retryable: false });
  });

  it("fails with Slack's error when it answers ok:false, and does not retry a permanent one", async () => {
    const run = await runAction(t, 'slack', { operation: 'postMessage', credentialId: creds.bot, channel: '#missing', text: 'hello' });
    runs.push(run.text);
    expect(run.status).toBe('failed');
    const step = actStep(run);
    expect(step.error).toMatchObject({ code: 'slack_error', slackError: 'channel_not_found', status: 200, retryable: false });
    expect(String(step.error?.message)).toContain('channel_not_found');
    expect(step.attempts).toHaveLength(1);
    const revoked = await runAction(t, 'slack', { operation: 'postMessage', credentialId: creds.wrongBot, channel: '#sales', text: 'hello' });
    expect(actStep(revoked).error).toMatchObject({ code: 'slack_error', slackError: 'invalid_auth', retryable: false });
  });

  it('honours a 429 with Retry-After through the engine: waits at least a minute, then the same request succeeds', async () => {
    slack.failNext({ status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } });
    const before = slack.requests.length;
    const runId = await fire(t, await hookTo(t, 'slack', { operation: 'postMessage', credentialId: creds.bot, channel: '#sales', text: 'retry me' }), {});
    const waiting = await waitRun(t, runId, (r) => r.status === 'waiting' || r.status === 'failed');
    expect(waiting.status, waiting.text).toBe('waiting');
    const step = actStep(waiting);
    expect(step.status).toBe('retrying');
    expect(step.error).toMatchObject({ code: 'slack_error', status: 429, retryable: true, retryAfterMs: 30_000, slackError: 'ratelimited' });
    const first = step.attempts[0] as { finishedAt: number; nextAttemptAt: number };
    expect(first.nextAttemptAt - first.finishedAt).toBeGreaterThanOrEqual(60_000);
    t.advance(first.nextAttemptAt - first.finishedAt + 1_000);
    const done = await waitRun(t, runId);
    expect(done.status, done.text).toBe('succeeded');
    expect(actStep(done).attempt).toBe(2);
    const [a, b] = slack.requests.slice(before);
    expect(a?.headers['idempotency-key']).toBeTruthy();
    expect(b?.headers['idempotency-key']).toBe(a?.headers['idempotency-key']);
    expect(b?.body).toBe(a?.body);
  });

  it('refuses a credential of another type, or one without a bot token, without calling Slack', async () => {
    const before = slack.requests.length;
    const wrong = await runAction(t, 'slack', { operation: 'postMessage', credentialId: creds.hook, channel: '#sales', text: 'x' });
    expect(actStep(wrong).error).toMatchObject({ code: 'credential_wrong_type', retryable: false });
    expect(String(actStep(wrong).error?.message)).toMatch(/Slack \(slack\)/);
    const noToken = await runAction(t, 'slack', { operation: 'postMessage', credentialId: creds.signingOnly, channel: '#sales', text: 'x' });
    expect(actStep(noToken).error).toMatchObject({ code: 'credential_incomplete', retryable: false });
    const missing = await runAction(t, 'slack', { operation: 'webhook', credentialId: 'cred_does_not_exist', text: 'x' });
    expect(actStep(missing).error).toMatchObject({ code: 'credential_missing', retryable: false });
    const wrongForHook = await runAction(t, 'slack', { operation: 'webhook', credentialId: creds.bot, text: 'x' });
    expect(actStep(wrongForHook).error).toMatchObject({ code: 'credential_wrong_type' });
    expect(slack.requests.length).toBe(before);
  });
});

describe('slack: incoming webhook', () => {
  it('posts {text, blocks} to the webhook URL and outputs Slack\'s plain "ok"', async () => {
    const before = slack.requests.length;
    const run = await runAction(
      t,
      'slack',
      { operation: 'webhook', credentialId: creds.hook, text: 'Deploy {{ trigger.body.sha }} done', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '`{{ trigger.body.sha }}`' } }] },
      { sha: 'abc123' },
    );
    runs.push(run.text);
    expect(run.status, run.text).toBe('succeeded');
    expect(actStep(run).output).toEqual({ status: 200, body: 'ok' });
    const req = slack.requests[before];
    expect(req?.path).toBe(slackHookPath);
    expect(JSON.parse(req?.body ?? '')).toEqual({ text: 'Deploy abc123 done', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '`abc123`' } }] });
    expect(req?.headers.authorization).toBeUndefined();
    expect(slack.problems).toEqual([]);
  });

  it('fails for good on channel_is_archived (410) without disabling Slack for every other webhook', async () => {
    const run = await runAction(t, 'slack', { operation: 'webhook', credentialId: creds.archived, text: 'hello' });
    runs.push(run.text);
    expect(actStep(run).error).toMatchObject({ code: 'slack_error', status: 410, retryable: false, slackError: 'channel_is_archived' });
    const endpoints = await request(t.app.handler).get('/api/endpoints').set(t.auth);
    expect(endpoints.text).not.toMatch(/"disabled":\s*true/);
    const after = await runAction(t, 'slack', { operation: 'webhook', credentialId: creds.hook, text: 'still works' });
    expect(after.status).toBe('succeeded');
  });

  it("retries a 503 on the step's schedule and then succeeds", async () => {
    slack.failNext({ status: 503, headers: { 'content-type': 'text/html' }, body: 'service_unavailable' });
    const run = await runAction(t, 'slack', { operation: 'webhook', credentialId: creds.hook, text: 'once more', retry: { attempts: 3, schedule: ['100ms'] } });
    expect(run.status, run.text).toBe('succeeded');
    const step = actStep(run);
    expect(step.attempt).toBe(2);
    expect(step.attempts[0]).toMatchObject({ status: 'retrying', error: { code: 'slack_error', status: 503, retryable: true } });
  });
});

describe('slack: secrets', () => {
  it('never shows the bot token or the webhook URL in stored runs, the endpoints API or the log', async () => {
    const run = await runAction(t, 'slack', { operation: 'postMessage', credentialId: creds.bot, channel: '#sales', text: 'token is {{ trigger.body.x }}' }, { x: 1 });
    expect(run.status).toBe('succeeded');
    const secrets = [botToken, 'xoxb-LEAKCHECK-revoked-token', 'LEAKCHECK-slack-signing-only', slackHookPath, slackArchivedHookPath.split('/').pop() as string, 'XXXXXXXXXXXXXXXXXXXXXXXX'];
    for (const text of runs) for (const s of secrets) expect(text.includes(s), s).toBe(false);
    await expectNoSecrets(t, run.text.match(/"id":"([^"]+)"/)?.[1] ?? '', secrets);
  });
});
