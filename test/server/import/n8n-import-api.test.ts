import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordWebhookId, discordWebhookToken, startDiscordFake } from '../../support/fakes/discord-fake.js';
import { startReceiver, type Received } from '../../support/receiver.js';
import { startTestApp } from '../../support/test-app.js';
import { waitForRun } from '../../support/wait-run.js';

const fixture = (name: string, receiverUrl = 'http://127.0.0.1:9'): object =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/n8n', name), 'utf8').replaceAll('http://127.0.0.1:9', receiverUrl)) as object;

let t: Awaited<ReturnType<typeof startTestApp>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver((r) => (r.url === '/crm/leads' ? { status: 200, body: '{"id":"L1"}' } : { status: 200, body: '{"ok":true}' }));
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
  await receiver?.close();
});

const api = () => request(t.app.handler);
const listWorkflows = async (): Promise<unknown> => (await api().get('/api/workflows').set(t.auth)).body;

describe('POST /api/import/n8n', () => {
  it('answers the workflow and the report without saving', async () => {
    const before = JSON.stringify(await listWorkflows());
    const res = await api().post('/api/import/n8n').set(t.auth).send(fixture('01-webhook-slack.json'));
    expect(res.status, res.text).toBe(200);
    expect(res.body.workflow.nodes.map((n: { id: string; type: string }) => `${n.id}:${n.type}`)).toEqual(['webhook:webhook', 'slack:slack']);
    expect(res.body.workflow.nodes[1].config.text).toBe('Order {{ trigger.body.id }} paid: {{ trigger.body.amount }} {{ trigger.body.currency.toUpperCase() }}');
    expect(res.body.report.credentials).toEqual([expect.objectContaining({ key: 'slack_slack_account', type: 'slack', nodeIds: ['slack'], n8nCredentials: ['Slack account (slackApi)'] })]);
    expect(res.body.report.dropped).toEqual(['pinData (test data pinned in the n8n editor)']);
    expect(JSON.stringify(await listWorkflows())).toBe(before);
  });

  it('saves with ?save=true (201 with the id), filling the credentials it is given', async () => {
    const cred = await api()
      .post('/api/credentials')
      .set(t.auth)
      .send({ name: 'Slack bot', type: 'slack', data: { botToken: 'xoxb-test-0000' } });
    const res = await api()
      .post('/api/import/n8n?save=true')
      .set(t.auth)
      .send({ workflow: fixture('01-webhook-slack.json'), credentials: { slack_slack_account: cred.body.id } });
    expect(res.status, res.text).toBe(201);
    expect(res.body.id).toEqual(expect.any(String));
    const saved = await api()
      .get(`/api/workflows/${res.body.id as string}`)
      .set(t.auth);
    expect(saved.status).toBe(200);
    expect(saved.body.definition.nodes[1].config.credentialId).toBe(cred.body.id);
  });

  it('gives the same workflow for the same file twice', async () => {
    const a = await api().post('/api/import/n8n').set(t.auth).send(fixture('16-loop-over-items.json'));
    const b = await api().post('/api/import/n8n').set(t.auth).send(fixture('16-loop-over-items.json'));
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
  });

  it.each([
    ['nodes that are not a list', '{"nodes": "x"}'],
    ['an object without nodes', '{"name": "x"}'],
    ['nodes of the wrong shape', '{"nodes": [{"name": 1}]}'],
    ['two workflows at once', '[{"nodes": []}, {"nodes": []}]'],
    ['an unknown credential key', JSON.stringify({ workflow: { nodes: [{ name: 'M', type: 'n8n-nodes-base.manualTrigger', parameters: {} }], connections: {} }, credentials: { nope: 'x' } })],
  ])('refuses %s with 400 in the error shape', async (_what, body) => {
    const res = await api().post('/api/import/n8n').set(t.auth).set('content-type', 'application/json').send(body);
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
    expect(res.body.error.message).toEqual(expect.any(String));
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await api().post('/api/import/n8n').set(t.auth).set('content-type', 'application/json').send('{"nodes": [');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_BODY');
  });
});

/** Imports, saves and activates a fixture pointed at the receiver; returns its trigger path. */
async function importLive(name: string): Promise<string> {
  const saved = await api().post('/api/import/n8n?save=true').set(t.auth).send(fixture(name, receiver.url));
  expect(saved.status, saved.text).toBe(201);
  const on = await api()
    .post(`/api/workflows/${saved.body.id as string}/activate`)
    .set(t.auth);
  expect(on.status, on.text).toBe(200);
  return new URL((saved.body.workflow.hooks as Array<{ url: string }>)[0]?.url ?? '').pathname;
}

async function fire(path: string, body: unknown, status = 202) {
  const start = receiver.got.length;
  const res = await api()
    .post(path)
    .send(body as object);
  expect(res.status, res.text).toBe(status);
  const runId = (res.body.runId ?? res.headers['x-run-id']) as string | undefined;
  if (runId) {
    const run = (await waitForRun(t.app.handler, t.auth, runId, 20_000)) as { status: string };
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
  }
  return { res, got: receiver.got.slice(start) };
}

const seen = (got: Received[]) => got.map((r) => ({ method: r.method, url: r.url, body: r.body === '' ? undefined : (JSON.parse(r.body) as unknown) }));

// The requests each n8n workflow makes for this input, written down per fixture.
describe('imported workflows make the requests the n8n workflows make', () => {
  it('08 IF v1: a big order posts its amount to /big', async () => {
    const { got } = await fire(await importLive('08-if-v1.json'), { amount: 150, email: 'a@shop.test' });
    expect(seen(got)).toEqual([{ method: 'POST', url: '/big', body: { amount: 150 } }]);
  });

  it('09 Switch v3: invoice.paid goes to /paid only', async () => {
    const { got } = await fire(await importLive('09-switch-rules-v3.json'), { type: 'invoice.paid', amount: 5 });
    expect(seen(got)).toEqual([{ method: 'POST', url: '/paid', body: { kind: 'paid' } }]);
  });

  it('11 Filter + Edit Fields: a paid order is reshaped and posted', async () => {
    const { got } = await fire(await importLive('11-filter-set.json'), { status: 'paid', email: 'ANA@Shop.Test', amount: 12.5, id: 7, customer: { name: 'Ana' } });
    expect(seen(got)).toEqual([{ method: 'POST', url: '/orders', body: { email: 'ana@shop.test', amountCents: 1250, vip: true, source: 'shop', label: 'Order 7 (Ana)' } }]);
  });

  it('15 Split Out: each order line is posted', async () => {
    const { got } = await fire(await importLive('15-split-out.json'), {
      lines: [
        { sku: 'A', qty: 1 },
        { sku: 'B', qty: 2 },
      ],
    });
    expect(seen(got)).toEqual([
      { method: 'POST', url: '/line', body: { sku: 'A', qty: 1 } },
      { method: 'POST', url: '/line', body: { sku: 'B', qty: 2 } },
    ]);
  });

  it('16 Code + Loop Over Items: each user is posted, then /done', async () => {
    const { got } = await fire(await importLive('16-loop-over-items.json'), {
      users: [
        { id: 1, first: 'Ada', last: 'L' },
        { id: 2, first: 'Bo', last: 'K' },
      ],
    });
    expect(seen(got)).toEqual([
      { method: 'POST', url: '/user', body: { id: 1, name: 'Ada L' } },
      { method: 'POST', url: '/user', body: { id: 2, name: 'Bo K' } },
      { method: 'POST', url: '/done', body: { done: true } },
    ]);
  });

  it('06 Code for each item: the item is changed in place and posted', async () => {
    const { got } = await fire(await importLive('06-code-each-item.json'), { id: 5, note: 'hi' });
    expect(seen(got)).toEqual([{ method: 'POST', url: '/seen', body: { id: 5, note: 'hi', seen: true } }]);
  });

  it('21 Discord and Teams: both messages go out through the credentials picked at import', async () => {
    const discord = await startDiscordFake();
    try {
      const cred = async (name: string, url: string) => (await api().post('/api/credentials').set(t.auth).send({ name, type: 'webhook-url', data: { url } })).body.id as string;
      const credentials = {
        webhook_url_discord_deploys: await cred('discord', `${discord.url}/api/webhooks/${discordWebhookId}/${discordWebhookToken}`),
        webhook_url_teams_account: await cred('teams', `${receiver.url}/teams-hook`),
      };
      const saved = await api()
        .post('/api/import/n8n?save=true')
        .set(t.auth)
        .send({ workflow: fixture('21-discord-teams.json'), credentials });
      expect(saved.status, saved.text).toBe(201);
      expect(
        (
          await api()
            .post(`/api/workflows/${saved.body.id as string}/activate`)
            .set(t.auth)
        ).status,
      ).toBe(200);
      const { got } = await fire(new URL((saved.body.workflow.hooks as Array<{ url: string }>)[0]?.url ?? '').pathname, { version: '2.4.0' });
      expect(discord.requests.map((r) => ({ method: r.method, path: r.path, body: JSON.parse(r.body) as unknown }))).toEqual([
        { method: 'POST', path: `/api/webhooks/${discordWebhookId}/${discordWebhookToken}`, body: expect.objectContaining({ content: 'Deploy 2.4.0 is out', username: 'Deploy bot' }) },
      ]);
      expect(got.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /teams-hook']);
      expect(got[0]?.body).toContain('Deploy 2.4.0 is out');
    } finally {
      await discord.close();
    }
  });

  it('29 HTTP authentication: bearer, basic, header and query credentials picked at import are sent', async () => {
    const cred = async (type: string, data: object) => (await api().post('/api/credentials').set(t.auth).send({ name: type, type, data })).body.id as string;
    const credentials = {
      http_bearer_billing_token: await cred('http-bearer', { token: 'tok-billing' }),
      http_basic_erp_login: await cred('http-basic', { username: 'erp', password: 'p4ss' }),
      http_header_warehouse_key: await cred('http-header', { name: 'X-Api-Key', value: 'wh-key' }),
      http_query_analytics_key: await cred('http-query', { name: 'api_key', value: 'an-key' }),
    };
    const saved = await api()
      .post('/api/import/n8n?save=true')
      .set(t.auth)
      .send({ workflow: fixture('29-http-auth-kinds.json', receiver.url), credentials });
    expect(saved.status, saved.text).toBe(201);
    expect(saved.body.report.credentials.map((c: { credentialId?: string }) => c.credentialId)).toEqual(Object.values(credentials));
    const on = await api()
      .post(`/api/workflows/${saved.body.id as string}/activate`)
      .set(t.auth);
    expect(on.status, on.text).toBe(200);
    const { got } = await fire(new URL((saved.body.workflow.hooks as Array<{ url: string }>)[0]?.url ?? '').pathname, { id: 'o-42' });
    expect(seen(got)).toEqual([
      { method: 'POST', url: '/billing', body: { order: 'o-42' } },
      { method: 'POST', url: '/erp', body: { order: 'o-42' } },
      { method: 'POST', url: '/warehouse', body: { order: 'o-42' } },
      { method: 'GET', url: '/analytics?order=o-42&api_key=an-key', body: undefined },
    ]);
    expect(got[0]?.headers.authorization).toBe('Bearer tok-billing');
    expect(got[1]?.headers.authorization).toBe(`Basic ${Buffer.from('erp:p4ss').toString('base64')}`);
    expect(got[2]?.headers['x-api-key']).toBe('wh-key');
    expect(got[3]?.headers.authorization).toBeUndefined();
  });

  it('02 Webhook + HTTP + Respond: the lead is created and the caller gets the reply', async () => {
    const { res, got } = await fire(await importLive('02-webhook-http-respond.json'), { email: 'lee@shop.test', first: 'Lee', last: 'Park' }, 201);
    expect(res.body).toEqual({ ok: true, leadId: 'L1' });
    expect(seen(got)).toEqual([{ method: 'POST', url: '/crm/leads', body: { email: 'lee@shop.test', name: 'Lee Park' } }]);
    expect(got[0]?.headers['x-source']).toBe('n8n');
  });
});
