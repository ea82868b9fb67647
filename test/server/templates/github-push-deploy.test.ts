import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { githubSigner } from './signers.js';
import { createCredential, deliverAndRun, instantiate, sample, startTestApp, template, type TemplateApp } from './support.js';

const SECRET = 'gh-tmpl-deploy-secret-9a2e';
const tpl = template('github-push-deploy-hook');
let t: TemplateApp;
let deployHook: Awaited<ReturnType<typeof startReceiver>>;
let hook: Awaited<ReturnType<typeof instantiate>>;

beforeAll(async () => {
  // A deploy hook (Vercel, Netlify…) is a plain URL that starts a build when POSTed to.
  deployHook = await startReceiver(() => ({ status: 201, body: '{"job":{"id":"dpl_1","state":"PENDING"}}' }));
  t = await startTestApp();
  hook = await instantiate(t, tpl.id, { githubSecret: await createCredential(t, 'webhook-secret', { secret: SECRET }) }, { deployHookUrl: `${deployHook.url}/v1/integrations/deploy/prj_abc/KEY123` });
});
afterAll(async () => {
  await t?.stop();
  await deployHook?.close();
});

describe('template: push to main -> deploy hook', () => {
  it('calls the deploy hook once for a push to main', async () => {
    const run = await deliverAndRun(t, hook, sample(tpl, 'push.main'), githubSigner(SECRET));
    expect(run.status, run.text).toBe('succeeded');
    expect(run.statuses).toEqual({ github: 'succeeded', main_only: 'succeeded', deploy: 'succeeded' });
    expect(deployHook.got).toHaveLength(1);
    expect(deployHook.got[0]).toMatchObject({ method: 'POST', url: '/v1/integrations/deploy/prj_abc/KEY123' });
    expect(deployHook.got[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(deployHook.got[0]?.body ?? '')).toEqual({
      repository: 'acme/storefront',
      ref: 'refs/heads/main',
      commit: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
      message: 'Merge pull request #1347 from octocat/apple-pay',
      pusher: 'octocat',
    });
  });

  it('ignores pushes to other branches', async () => {
    const run = await deliverAndRun(t, hook, sample(tpl, 'push.feature'), githubSigner(SECRET));
    expect(run.status).toBe('succeeded');
    expect(run.statuses).toEqual({ github: 'succeeded', main_only: 'succeeded', deploy: 'skipped' });
    expect(deployHook.got).toHaveLength(1);
  });
});
