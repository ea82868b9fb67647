import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPagerdutyFake } from '../../support/fakes/pagerduty-fake.js';
import { actStep, createCredential, expectNoSecrets, fire, hookTo, runAction, startAppsApp, waitRun, type AppsApp } from './support.js';

const routingKey = 'R0UT1NGKEYLEAKCHECK0123456789abc';
let pd: Awaited<ReturnType<typeof startPagerdutyFake>>;
let t: AppsApp;
const creds: Record<string, string> = {};

beforeAll(async () => {
  expect(routingKey).toHaveLength(32);
  pd = await startPagerdutyFake();
  t = await startAppsApp({ PAGERDUTY_EVENTS_URL: pd.url });
  creds.pd = await createCredential(t, 'pagerduty', { routingKey });
  creds.shortKey = await createCredential(t, 'pagerduty', { routingKey: 'LEAKCHECK-short-key' });
  creds.apiOnly = await createCredential(t, 'pagerduty', { apiToken: 'LEAKCHECK-pd-rest-token' });
  creds.hook = await createCredential(t, 'webhook-url', { url: 'https://example.com/LEAKCHECK-hook' });
});
afterAll(async () => {
  await t?.stop();
  await pd?.close();
});

const trigger = {
  action: 'trigger',
  summary: 'CPU above 90% on {{ trigger.body.host }}',
  source: '{{ trigger.body.host }}',
  severity: 'critical',
  component: 'api',
  group: 'prod',
  customDetails: { load: '{{ trigger.body.load }}', region: 'eu-west-1' },
};

describe('pagerduty', () => {
  it("triggers an alert through Events API v2 and outputs PagerDuty's answer", async () => {
    const before = pd.requests.length;
    const run = await runAction(t, 'pagerduty', { credentialId: creds.pd, dedupKey: 'cpu-{{ trigger.body.host }}', ...trigger }, { host: 'web-1', load: 9.5 });
    expect(run.status, run.text).toBe('succeeded');
    expect(actStep(run).output).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'cpu-web-1' });
    const req = pd.requests[before];
    expect(req).toMatchObject({ method: 'POST', path: '/v2/enqueue' });
    expect(req?.headers['content-type']).toBe('application/json');
    const body = JSON.parse(req?.body ?? '');
    expect(body).toMatchObject({
      routing_key: routingKey,
      event_action: 'trigger',
      dedup_key: 'cpu-web-1',
      payload: { summary: 'CPU above 90% on web-1', source: 'web-1', severity: 'critical', component: 'api', group: 'prod', custom_details: { load: 9.5, region: 'eu-west-1' } },
    });
    expect(Number.isNaN(Date.parse(body.payload.timestamp))).toBe(false);
    expect(pd.problems).toEqual([]);
  });

  it('acknowledges and resolves by dedup key, with no payload', async () => {
    for (const action of ['acknowledge', 'resolve']) {
      const before = pd.requests.length;
      const run = await runAction(t, 'pagerduty', { credentialId: creds.pd, action, dedupKey: '{{ trigger.body.key }}' }, { key: 'cpu-web-1' });
      expect(run.status, run.text).toBe('succeeded');
      expect(JSON.parse(pd.requests[before]?.body ?? '')).toEqual({ routing_key: routingKey, event_action: action, dedup_key: 'cpu-web-1' });
    }
    expect(pd.problems).toEqual([]);
  });

  it('a trigger without a dedup key keeps one across retries (503, then accepted), so no second alert opens', async () => {
    pd.failNext({ status: 503, body: { status: 'unavailable', message: 'Service unavailable' } });
    const before = pd.requests.length;
    const run = await runAction(t, 'pagerduty', { credentialId: creds.pd, ...trigger, retry: { attempts: 3, schedule: ['100ms'] } }, { host: 'db-1', load: 3 });
    expect(run.status, run.text).toBe('succeeded');
    const [a, b] = pd.requests.slice(before).map((r) => JSON.parse(r.body) as { dedup_key: string });
    expect(a?.dedup_key).toBeTruthy();
    expect(b?.dedup_key).toBe(a?.dedup_key);
    expect(actStep(run).attempts[0]).toMatchObject({ error: { code: 'pagerduty_error', status: 503, retryable: true } });
  });

  it('retries a 429 through the engine after at least a minute', async () => {
    pd.failNext({ status: 429, body: { status: 'throttle event', message: 'Requests for this service are arriving too quickly. Please retry later.' } });
    const runId = await fire(t, await hookTo(t, 'pagerduty', { credentialId: creds.pd, action: 'resolve', dedupKey: 'k-429' }), {});
    const waiting = await waitRun(t, runId, (r) => ['waiting', 'failed', 'succeeded'].includes(r.status));
    expect(waiting.status, waiting.text).toBe('waiting');
    const first = actStep(waiting).attempts[0] as { error: Record<string, unknown>; finishedAt: number; nextAttemptAt: number };
    expect(first.error).toMatchObject({ code: 'pagerduty_error', status: 429, retryable: true });
    expect(first.nextAttemptAt - first.finishedAt).toBeGreaterThanOrEqual(60_000);
    t.advance(first.nextAttemptAt - first.finishedAt + 1_000);
    expect((await waitRun(t, runId)).status).toBe('succeeded');
  });

  it('fails for good with PagerDuty\'s "invalid event" errors (400)', async () => {
    const run = await runAction(t, 'pagerduty', { credentialId: creds.shortKey, action: 'resolve', dedupKey: 'x' });
    expect(run.status).toBe('failed');
    expect(actStep(run).error).toMatchObject({ code: 'pagerduty_error', status: 400, retryable: false });
    expect(String(actStep(run).error?.message)).toContain("Event object is invalid ('routing_key' is invalid");
  });

  it('refuses a credential of another type or without a routing key, and keeps the routing key out of runs and logs', async () => {
    const before = pd.requests.length;
    expect(actStep(await runAction(t, 'pagerduty', { credentialId: creds.hook, action: 'resolve', dedupKey: 'x' })).error).toMatchObject({ code: 'credential_wrong_type', retryable: false });
    expect(actStep(await runAction(t, 'pagerduty', { credentialId: creds.apiOnly, action: 'resolve', dedupKey: 'x' })).error).toMatchObject({ code: 'credential_incomplete', retryable: false });
    expect(pd.requests.length).toBe(before);
    // The routing key travels in the body, which the attempt's detail previews: it must show redacted.
    const run = await runAction(t, 'pagerduty', { credentialId: creds.pd, action: 'resolve', dedupKey: 'leak-check' });
    expect(run.text).toContain('[redacted]');
    await expectNoSecrets(t, run.text.match(/"id":"([^"]+)"/)?.[1] ?? '', [routingKey, 'LEAKCHECK-short-key', 'LEAKCHECK-pd-rest-token', 'LEAKCHECK-hook']);
  });
});
