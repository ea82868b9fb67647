import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsFake, teamsConnectorPath, teamsSig, teamsWorkflowPath } from '../../support/fakes/teams-fake.js';
import { actStep, createCredential, expectNoSecrets, fire, hookTo, runAction, startAppsApp, waitRun, type AppsApp } from './support.js';

let teams: Awaited<ReturnType<typeof startTeamsFake>>;
let t: AppsApp;
const creds: Record<string, string> = {};
const query = `?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${encodeURIComponent(teamsSig)}`;

beforeAll(async () => {
  teams = await startTeamsFake({ throttleConnector: 1 });
  t = await startAppsApp({});
  creds.workflow = await createCredential(t, 'webhook-url', { url: `${teams.url}${teamsWorkflowPath}${query}` });
  creds.badSig = await createCredential(t, 'webhook-url', { url: `${teams.url}${teamsWorkflowPath}?api-version=2016-06-01&sig=LEAKCHECK-wrong-sig` });
  creds.connector = await createCredential(t, 'webhook-url', { url: `${teams.url}${teamsConnectorPath}` });
  creds.smtp = await createCredential(t, 'smtp', { host: 'smtp.example.test', from: 'a@example.test' });
});
afterAll(async () => {
  await t?.stop();
  await teams?.close();
});

describe('teams', () => {
  it('posts an Adaptive Card message with title, text, facts and a link', async () => {
    const before = teams.requests.length;
    const run = await runAction(
      t,
      'teams',
      {
        credentialId: creds.workflow,
        title: 'Issue #{{ trigger.body.number }} opened',
        text: '{{ trigger.body.title }}',
        facts: { Repository: '{{ trigger.body.repo }}', Labels: 'bug' },
        linkUrl: '{{ trigger.body.url }}',
      },
      { number: 12, title: 'Crash on save', repo: 'o/r', url: 'https://github.com/o/r/issues/12' },
    );
    expect(run.status, run.text).toBe('succeeded');
    expect(actStep(run).output).toEqual({ status: 202, body: null });
    const req = teams.requests[before];
    expect(req?.query.get('sig')).toBe(teamsSig);
    expect(JSON.parse(req?.body ?? '')).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              { type: 'TextBlock', text: 'Issue #12 opened', weight: 'Bolder', size: 'Medium', wrap: true },
              { type: 'TextBlock', text: 'Crash on save', wrap: true },
              {
                type: 'FactSet',
                facts: [
                  { title: 'Repository', value: 'o/r' },
                  { title: 'Labels', value: 'bug' },
                ],
              },
            ],
            actions: [{ type: 'Action.OpenUrl', title: 'Open', url: 'https://github.com/o/r/issues/12' }],
          },
        },
      ],
    });
    expect(teams.problems).toEqual([]);
  });

  it('fails for good when Teams refuses the URL (401), and names the reason', async () => {
    const run = await runAction(t, 'teams', { credentialId: creds.badSig, title: 't', text: 'x' });
    expect(actStep(run).error).toMatchObject({ code: 'teams_error', status: 401, retryable: false });
    expect(String(actStep(run).error?.message)).toContain('DirectApiAuthorizationRequired');
  });

  it('sees through a connector\'s "200 … returned HTTP error 429" and retries it through the engine', async () => {
    const runId = await fire(t, await hookTo(t, 'teams', { credentialId: creds.connector, title: 'Deploy', text: 'done' }), {});
    const waiting = await waitRun(t, runId, (r) => r.status === 'waiting' || r.status === 'failed' || r.status === 'succeeded');
    expect(waiting.status, waiting.text).toBe('waiting');
    const first = actStep(waiting).attempts[0] as { error: Record<string, unknown>; finishedAt: number; nextAttemptAt: number };
    expect(first.error).toMatchObject({ code: 'teams_error', status: 429, retryable: true });
    t.advance(first.nextAttemptAt - first.finishedAt + 1_000);
    const done = await waitRun(t, runId);
    expect(done.status, done.text).toBe('succeeded');
    expect(actStep(done).output).toEqual({ status: 200, body: '1' });
  });

  it("retries a 500 on the step's schedule", async () => {
    teams.failNext({ status: 500, body: { error: { code: 'InternalServerError', message: 'Try again' } } });
    const run = await runAction(t, 'teams', { credentialId: creds.workflow, title: 't', text: 'x', retry: { attempts: 2, schedule: ['100ms'] } });
    expect(run.status, run.text).toBe('succeeded');
    expect(actStep(run).attempts[0]).toMatchObject({ error: { code: 'teams_error', status: 500, retryable: true } });
  });

  it("refuses another credential type without calling Teams, and keeps the URL's signature secret", async () => {
    const before = teams.requests.length;
    const wrong = await runAction(t, 'teams', { credentialId: creds.smtp, title: 't', text: 'x' });
    expect(actStep(wrong).error).toMatchObject({ code: 'credential_wrong_type', retryable: false });
    expect(teams.requests.length).toBe(before);
    const run = await runAction(t, 'teams', { credentialId: creds.badSig, title: 't', text: 'x' });
    await expectNoSecrets(t, run.text.match(/"id":"([^"]+)"/)?.[1] ?? '', [teamsSig, encodeURIComponent(teamsSig), 'LEAKCHECK-wrong-sig', teamsConnectorPath]);
  });
});
