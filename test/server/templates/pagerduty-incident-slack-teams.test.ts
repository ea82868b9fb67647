import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackHookPath, startSlackFake } from '../../support/fakes/slack-fake.js';
import { startTeamsFake, teamsSig, teamsWorkflowPath } from '../../support/fakes/teams-fake.js';
import { pagerdutySigner } from './signers.js';
import { createCredential, deliver, deliverAndRun, instantiate, sample, startTestApp, template, type TemplateApp } from './support.js';

const SECRET = 'pd-tmpl-webhook-secret-0a1b2c3d';
const tpl = template('pagerduty-incident-slack-teams');
let t: TemplateApp;
let slack: Awaited<ReturnType<typeof startSlackFake>>;
let teams: Awaited<ReturnType<typeof startTeamsFake>>;
let hook: Awaited<ReturnType<typeof instantiate>>;

beforeAll(async () => {
  slack = await startSlackFake({ botToken: 'xoxb-unused' });
  teams = await startTeamsFake();
  t = await startTestApp();
  hook = await instantiate(t, tpl.id, {
    pagerdutySecret: await createCredential(t, 'webhook-secret', { secret: SECRET }),
    slackWebhook: await createCredential(t, 'webhook-url', { url: `${slack.url}${slackHookPath}` }),
    teamsWebhook: await createCredential(t, 'webhook-url', { url: `${teams.url}${teamsWorkflowPath}?sig=${encodeURIComponent(teamsSig)}` }),
  });
});
afterAll(async () => {
  await t?.stop();
  await slack?.close();
  await teams?.close();
});

describe('template: PagerDuty incident -> Slack + Teams', () => {
  it('alerts both channels about a triggered incident', async () => {
    const run = await deliverAndRun(t, hook, sample(tpl, 'incident.triggered'), pagerdutySigner(SECRET));
    expect(run.status, run.text).toBe('succeeded');
    expect(run.statuses).toEqual({ pagerduty: 'succeeded', triggered: 'succeeded', slack: 'succeeded', teams: 'succeeded' });

    expect(slack.requests).toHaveLength(1);
    expect(JSON.parse(slack.requests[0]?.body ?? '')).toEqual({
      text: ':rotating_light: [P1] #4217 Checkout API error rate above 5% for 5 minutes on Checkout API',
      blocks: [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: ':rotating_light: *<https://acme.pagerduty.com/incidents/Q2G9NXK5VDX1AB|#4217 Checkout API error rate above 5% for 5 minutes>*\nService: Checkout API · Urgency: high · Assigned to: Earline Greenholt',
          },
        },
      ],
    });

    expect(teams.requests).toHaveLength(1);
    const card = JSON.stringify(JSON.parse(teams.requests[0]?.body ?? '').attachments[0].content);
    expect(card).toContain('Incident #4217 triggered: Checkout API error rate above 5% for 5 minutes');
    expect(card).toContain('https://acme.pagerduty.com/incidents/Q2G9NXK5VDX1AB');
    for (const [title, value] of [
      ['Service', 'Checkout API'],
      ['Priority', 'P1'],
      ['Urgency', 'high'],
      ['Assigned to', 'Earline Greenholt'],
    ]) {
      expect(card).toContain(JSON.stringify({ title, value }));
    }
    expect([...slack.problems, ...teams.problems]).toEqual([]);
  });

  it('ignores other incident events and dedupes on X-Webhook-Id', async () => {
    const ack = await deliverAndRun(t, hook, sample(tpl, 'incident.acknowledged'), pagerdutySigner(SECRET));
    expect(ack.statuses).toEqual({ pagerduty: 'succeeded', triggered: 'succeeded', slack: 'skipped', teams: 'skipped' });
    const again = await deliver(t, hook, sample(tpl, 'incident.triggered'), pagerdutySigner(SECRET));
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    expect(slack.requests).toHaveLength(1);
    expect(teams.requests).toHaveLength(1);
  });
});
