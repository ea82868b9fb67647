import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordWebhookId, discordWebhookToken, startDiscordFake } from '../../support/fakes/discord-fake.js';
import { githubSigner } from './signers.js';
import { createCredential, deliver, deliverAndRun, instantiate, sample, startTestApp, template, type TemplateApp } from './support.js';

const SECRET = 'gh-tmpl-pr-secret-5f1c';
const tpl = template('github-pull-request-discord');
let t: TemplateApp;
let discord: Awaited<ReturnType<typeof startDiscordFake>>;
let hook: Awaited<ReturnType<typeof instantiate>>;

beforeAll(async () => {
  discord = await startDiscordFake();
  t = await startTestApp();
  hook = await instantiate(t, tpl.id, {
    githubSecret: await createCredential(t, 'webhook-secret', { secret: SECRET }),
    discordWebhook: await createCredential(t, 'webhook-url', { url: `${discord.url}/api/webhooks/${discordWebhookId}/${discordWebhookToken}` }),
  });
});
afterAll(async () => {
  await t?.stop();
  await discord?.close();
});

describe('template: GitHub pull request opened -> Discord', () => {
  it('posts an embed for the new pull request', async () => {
    const run = await deliverAndRun(t, hook, sample(tpl, 'pull_request.opened'), githubSigner(SECRET));
    expect(run.status, run.text).toBe('succeeded');
    expect(run.statuses).toEqual({ github: 'succeeded', opened: 'succeeded', discord: 'succeeded' });
    expect(discord.requests).toHaveLength(1);
    expect(discord.requests[0]).toMatchObject({ method: 'POST', path: `/api/webhooks/${discordWebhookId}/${discordWebhookToken}` });
    expect(JSON.parse(discord.requests[0]?.body ?? '')).toEqual({
      content: 'New pull request in **acme/storefront** by octocat',
      username: 'GitHub',
      embeds: [
        {
          title: '#1347 Add Apple Pay to checkout',
          url: 'https://github.com/acme/storefront/pull/1347',
          description: 'Adds Apple Pay as a payment method on the checkout page.\n\nCloses #1339.',
          color: 2337372,
          author: { name: 'octocat', url: 'https://github.com/octocat', icon_url: 'https://avatars.githubusercontent.com/u/583231?v=4' },
          fields: [
            { name: 'Branch', value: 'apple-pay → main', inline: true },
            { name: 'Changes', value: '+214 −37 in 9 files', inline: true },
          ],
        },
      ],
    });
    expect(discord.problems).toEqual([]);
  });

  it('dedupes a redelivery on X-GitHub-Delivery', async () => {
    const again = await deliver(t, hook, sample(tpl, 'pull_request.opened'), githubSigner(SECRET));
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    expect(discord.requests).toHaveLength(1);
  });
});
