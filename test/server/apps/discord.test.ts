import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordWebhookId, discordWebhookToken, startDiscordFake } from '../../support/fakes/discord-fake.js';
import { actStep, createCredential, expectNoSecrets, fire, hookTo, runAction, startAppsApp, waitRun, type AppsApp } from './support.js';

let discord: Awaited<ReturnType<typeof startDiscordFake>>;
let t: AppsApp;
const creds: Record<string, string> = {};
const hookPath = `/api/webhooks/${discordWebhookId}/${discordWebhookToken}`;

beforeAll(async () => {
  discord = await startDiscordFake();
  t = await startAppsApp({});
  creds.hook = await createCredential(t, 'webhook-url', { url: `${discord.url}${hookPath}` });
  creds.unknown = await createCredential(t, 'webhook-url', { url: `${discord.url}/api/webhooks/42/LEAKCHECK-unknown-webhook-token` });
  creds.hubspot = await createCredential(t, 'hubspot', { accessToken: 'pat-na1-LEAKCHECK-discord-test' });
});
afterAll(async () => {
  await t?.stop();
  await discord?.close();
});

describe('discord', () => {
  it('executes the webhook with content, username, avatar and embeds, waiting for the saved message', async () => {
    const before = discord.requests.length;
    const embeds = [{ title: 'PR #{{ trigger.body.number }}', url: '{{ trigger.body.url }}', color: 5814783, fields: [{ name: 'Author', value: '{{ trigger.body.user }}', inline: true }] }];
    const run = await runAction(
      t,
      'discord',
      { credentialId: creds.hook, content: 'New pull request by {{ trigger.body.user }}', username: 'GitHub', avatarUrl: 'https://example.com/gh.png', embeds },
      { number: 7, url: 'https://github.com/o/r/pull/7', user: 'octocat' },
    );
    expect(run.status, run.text).toBe('succeeded');
    const out = actStep(run).output as { status: number; body: { id: string; content: string; author: { username: string } } };
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ content: 'New pull request by octocat', author: { username: 'GitHub' } });
    const req = discord.requests[before];
    expect(req?.path).toBe(hookPath);
    expect(req?.query.get('wait')).toBe('true');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual({
      content: 'New pull request by octocat',
      username: 'GitHub',
      avatar_url: 'https://example.com/gh.png',
      embeds: [{ title: 'PR #7', url: 'https://github.com/o/r/pull/7', color: 5814783, fields: [{ name: 'Author', value: 'octocat', inline: true }] }],
    });
    expect(discord.problems).toEqual([]);
  });

  it("fails for good with Discord's message and code when the webhook is unknown (404, code 10015)", async () => {
    const run = await runAction(t, 'discord', { credentialId: creds.unknown, content: 'hi' });
    expect(run.status).toBe('failed');
    const step = actStep(run);
    expect(step.error).toMatchObject({ code: 'discord_error', status: 404, discordCode: 10015, retryable: false });
    expect(String(step.error?.message)).toContain('Unknown Webhook');
    expect(step.attempts).toHaveLength(1);
  });

  it("on a 429 waits what Discord's retry_after says (and at least a minute), then delivers", async () => {
    discord.failNext({ status: 429, body: { message: 'You are being rate limited.', retry_after: 2.5, global: false } });
    const runId = await fire(t, await hookTo(t, 'discord', { credentialId: creds.hook, content: 'after the limit' }), {});
    const waiting = await waitRun(t, runId, (r) => r.status !== 'running' && r.status !== 'queued' && r.steps.some((s) => s.nodeId === 'act'));
    expect(waiting.status, waiting.text).toBe('waiting');
    const first = actStep(waiting).attempts[0] as { error: Record<string, unknown>; finishedAt: number; nextAttemptAt: number };
    expect(first.error).toMatchObject({ code: 'discord_error', status: 429, retryAfterMs: 2500, retryable: true });
    expect(first.nextAttemptAt - first.finishedAt).toBeGreaterThanOrEqual(60_000);
    t.advance(first.nextAttemptAt - first.finishedAt + 1_000);
    const done = await waitRun(t, runId);
    expect(done.status, done.text).toBe('succeeded');
    expect(actStep(done).attempt).toBe(2);
  });

  it("retries a 502 on the step's schedule", async () => {
    discord.failNext({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' });
    const run = await runAction(t, 'discord', { credentialId: creds.hook, content: 'x', retry: { attempts: 2, schedule: ['100ms'] } });
    expect(run.status, run.text).toBe('succeeded');
    expect(actStep(run).attempts[0]).toMatchObject({ error: { code: 'discord_error', status: 502, retryable: true } });
  });

  it('refuses a credential that is not an Incoming webhook URL, and empty messages, without calling Discord', async () => {
    const before = discord.requests.length;
    const wrong = await runAction(t, 'discord', { credentialId: creds.hubspot, content: 'x' });
    expect(actStep(wrong).error).toMatchObject({ code: 'credential_wrong_type', retryable: false });
    const empty = await runAction(t, 'discord', { credentialId: creds.hook, content: '{{ trigger.body.nothing }}' });
    expect(actStep(empty).error).toMatchObject({ code: 'invalid_field', field: 'content' });
    expect(discord.requests.length).toBe(before);
  });

  it('keeps the webhook token out of stored runs, the endpoints API and the log', async () => {
    const run = await runAction(t, 'discord', { credentialId: creds.unknown, content: 'x' });
    expect(run.text).toContain('[redacted]');
    await expectNoSecrets(t, run.text.match(/"id":"([^"]+)"/)?.[1] ?? '', [discordWebhookToken, 'LEAKCHECK-unknown-webhook-token', 'pat-na1-LEAKCHECK-discord-test']);
  });
});
