import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsFake, teamsSig, teamsWorkflowPath } from '../../support/fakes/teams-fake.js';
import { githubSigner } from './signers.js';
import { createCredential, deliverAndRun, instantiate, sample, startTestApp, template, type TemplateApp } from './support.js';

const SECRET = 'gh-tmpl-issues-secret-77d0';
const tpl = template('github-issue-teams');
let t: TemplateApp;
let teams: Awaited<ReturnType<typeof startTeamsFake>>;
let hook: Awaited<ReturnType<typeof instantiate>>;

beforeAll(async () => {
  teams = await startTeamsFake();
  t = await startTestApp();
  hook = await instantiate(t, tpl.id, {
    githubSecret: await createCredential(t, 'webhook-secret', { secret: SECRET }),
    teamsWebhook: await createCredential(t, 'webhook-url', { url: `${teams.url}${teamsWorkflowPath}?sig=${encodeURIComponent(teamsSig)}` }),
  });
});
afterAll(async () => {
  await t?.stop();
  await teams?.close();
});

describe('template: GitHub issue opened -> Teams', () => {
  it('posts an Adaptive Card with the issue, its labels and a link', async () => {
    const run = await deliverAndRun(t, hook, sample(tpl, 'issues.opened'), githubSigner(SECRET));
    expect(run.status, run.text).toBe('succeeded');
    expect(run.statuses).toEqual({ github: 'succeeded', opened: 'succeeded', teams: 'succeeded' });
    expect(teams.requests).toHaveLength(1);
    const req = teams.requests[0];
    expect(req).toMatchObject({ method: 'POST', path: teamsWorkflowPath });
    expect(req?.query.get('sig')).toBe(teamsSig);
    const card = JSON.parse(req?.body ?? '').attachments[0].content;
    const text = JSON.stringify(card);
    expect(text).toContain('New issue #1352: Checkout fails on Safari 17');
    expect(text).toContain('The button spins forever.');
    expect(text).toContain('https://github.com/acme/storefront/issues/1352');
    for (const [title, value] of [
      ['Repository', 'acme/storefront'],
      ['Opened by', 'octocat'],
      ['Labels', 'bug, checkout'],
    ]) {
      expect(text).toContain(JSON.stringify({ title, value }));
    }
    expect(teams.problems).toEqual([]);
  });
});
