import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../support/test-app.js';

const dir = join(import.meta.dirname, '../../fixtures/n8n');
const fixture = (name: string): object => JSON.parse(readFileSync(join(dir, name), 'utf8')) as object;
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
  .sort();

let t: Awaited<ReturnType<typeof startTestApp>>;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

const api = () => request(t.app.handler);
const listWorkflows = async (): Promise<unknown> => (await api().get('/api/workflows').set(t.auth)).body;

describe('POST /api/import/n8n', () => {
  it('answers the workflow and the report without saving', async () => {
    const before = JSON.stringify(await listWorkflows());
    const res = await api().post('/api/import/n8n').set(t.auth).send(fixture('01-webhook-slack.json'));
    expect(res.status, res.text).toBe(200);
    expect(res.body.workflow.nodes.map((n: { id: string; type: string }) => `${n.id}:${n.type}`)).toEqual(['webhook:webhook', 'slack:slack']);
    expect(res.body.workflow.nodes[1].config.text).toBe("Order {{ trigger.body.id ?? '' }} paid: {{ trigger.body.amount ?? '' }} {{ (trigger.body.currency.toUpperCase()) ?? '' }}");
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

  // Round-trip stability over the whole corpus: the same file imported twice gives the same
  // preview and, saved twice, the same stored workflow.
  it.each(corpus)('%s imported twice gives the same workflow', async (name) => {
    const a = await api().post('/api/import/n8n').set(t.auth).send(fixture(name));
    const b = await api().post('/api/import/n8n').set(t.auth).send(fixture(name));
    expect(a.status, a.text).toBe(200);
    expect(b.body).toEqual(a.body);
    const saved = [];
    for (let i = 0; i < 2; i++) {
      const res = await api().post('/api/import/n8n?save=true').set(t.auth).send(fixture(name));
      expect(res.status, res.text).toBe(201);
      saved.push(
        (
          await api()
            .get(`/api/workflows/${res.body.id as string}`)
            .set(t.auth)
        ).body.definition,
      );
    }
    expect(saved[1]).toEqual(saved[0]);
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

// The fixtures running end to end (imported, saved, triggered, their requests compared) are in n8n-e2e.test.ts.
