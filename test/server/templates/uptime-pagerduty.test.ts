import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPagerdutyFake } from '../../support/fakes/pagerduty-fake.js';
import { headerSigner } from './signers.js';
import { createCredential, deliver, deliverAndRun, instantiate, sample, startTestApp, template, type TemplateApp } from './support.js';

const TOKEN = 'uptime-tmpl-token-6d1e0f9c2b';
const ROUTING_KEY = 'R0UT1NGKEY0123456789abcdefABCDEF';
const tpl = template('uptime-alert-pagerduty');
let t: TemplateApp;
let pagerduty: Awaited<ReturnType<typeof startPagerdutyFake>>;
let hook: Awaited<ReturnType<typeof instantiate>>;
const signed = headerSigner('X-Monitor-Token', TOKEN);

beforeAll(async () => {
  pagerduty = await startPagerdutyFake();
  t = await startTestApp({ PAGERDUTY_EVENTS_URL: pagerduty.url });
  hook = await instantiate(
    t,
    tpl.id,
    {
      monitorToken: await createCredential(t, 'header', { name: 'X-Monitor-Token', value: TOKEN }),
      pagerduty: await createCredential(t, 'pagerduty', { routingKey: ROUTING_KEY }),
    },
    { severity: 'critical' },
  );
});
afterAll(async () => {
  await t?.stop();
  await pagerduty?.close();
});

describe('template: outage alert -> PagerDuty', () => {
  it('triggers an incident when the monitor goes down', async () => {
    const run = await deliverAndRun(t, hook, sample(tpl, 'monitor.down'), signed);
    expect(run.status, run.text).toBe('succeeded');
    expect(run.statuses).toEqual({ monitor: 'succeeded', down: 'succeeded', page: 'succeeded', up: 'skipped', resolve: 'skipped' });
    expect(pagerduty.events).toHaveLength(1);
    expect(pagerduty.requests[0]).toMatchObject({ method: 'POST', path: '/v2/enqueue' });
    expect(pagerduty.events[0]).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: 'uptime-797865432',
      client: 'Switchyard',
      payload: {
        timestamp: expect.any(String),
        summary: 'Shop health check is down: Connection Timeout',
        source: 'https://shop.example.com/healthz',
        severity: 'critical',
        custom_details: { monitor: 'Shop health check', url: 'https://shop.example.com/healthz', details: 'Connection Timeout', since: '2024-08-01T14:10:00.000Z' },
      },
    });
  });

  it('resolves the same incident when the monitor is up again', async () => {
    const run = await deliverAndRun(t, hook, sample(tpl, 'monitor.up'), signed);
    expect(run.status, run.text).toBe('succeeded');
    expect(run.statuses).toEqual({ monitor: 'succeeded', down: 'succeeded', page: 'skipped', up: 'succeeded', resolve: 'succeeded' });
    expect(pagerduty.events).toHaveLength(2);
    expect(pagerduty.events[1]).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: 'uptime-797865432' });
    expect(pagerduty.problems).toEqual([]);
  });

  it('refuses alerts without the token', async () => {
    const res = await deliver(t, hook, sample(tpl, 'monitor.down'), headerSigner('X-Monitor-Token', 'guess'));
    expect(res.status).toBe(401);
    expect(pagerduty.events).toHaveLength(2);
  });
});
