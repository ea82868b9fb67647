import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templates } from '../../../shared/templates/catalog.js';
import { createCredential, startTestApp, type TemplateApp } from './support.js';

let t: TemplateApp;
const creds: Record<string, string> = {};
const api = () => request(t.app.handler);

beforeAll(async () => {
  t = await startTestApp();
  creds.secret = await createCredential(t, 'webhook-secret', { secret: 'whsec_api_test_secret_value' }, 'Stripe live');
  creds.slackUrl = await createCredential(t, 'webhook-url', { url: 'https://hooks.slack.com/services/T0/B0/XXXX' }, 'Slack #payments');
});
afterAll(async () => {
  await t?.stop();
});

describe('GET /api/templates', () => {
  it('lists every template with what the gallery and the wizard need, but no configs or samples', async () => {
    const res = await api().get('/api/templates').set(t.auth);
    expect(res.status).toBe(200);
    expect(res.body.templates).toHaveLength(templates.length);
    const first = res.body.templates.find((x: { id: string }) => x.id === 'stripe-payment-succeeded-slack');
    expect(first).toMatchObject({
      name: 'Stripe payment succeeded → Slack',
      category: 'payments',
      trigger: { provider: 'Stripe', auth: 'stripe', events: ['payment_intent.succeeded'] },
      credentials: [
        { key: 'stripeSecret', type: 'webhook-secret' },
        { key: 'slackWebhook', type: 'webhook-url' },
      ],
      inputs: [],
      nodeTypes: ['webhook', 'filter', 'code', 'slack'],
    });
    expect(first.preview.nodes).toHaveLength(4);
    expect(first.preview.edges).toHaveLength(3);
    expect(res.text).not.toContain('"samples"');
    expect(res.text).not.toContain('"config"');
  });

  it('needs an API key or a session', async () => {
    expect((await api().get('/api/templates')).status).toBe(401);
  });
});

describe('GET /api/templates/:id', () => {
  it('answers the whole template: the graph with placeholders and the sample events', async () => {
    const res = await api().get('/api/templates/github-push-deploy-hook').set(t.auth);
    expect(res.status).toBe(200);
    expect(res.body.workflow.nodes.find((n: { id: string }) => n.id === 'deploy').config.url).toBe('[[inputs.deployHookUrl]]');
    expect(res.body.samples.map((s: { id: string }) => s.id)).toEqual(['push.main', 'push.feature']);
    expect(res.body.samples[0].headers['X-GitHub-Event']).toBe('push');
    expect(res.body.inputs.map((i: { key: string }) => i.key)).toEqual(['deployHookUrl', 'branch']);
  });

  it('is a 404 with a clear error for an unknown id', async () => {
    const res = await api().get('/api/templates/nope').set(t.auth);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('GET /api/templates') });
  });
});

describe('POST /api/templates/:id/instantiate', () => {
  const instantiate = (id: string, body: unknown) =>
    api()
      .post(`/api/templates/${id}/instantiate`)
      .set(t.auth)
      .send(body as object);

  it('creates the workflow, inactive unless asked, with its trigger URL and the credentials wired in', async () => {
    const res = await instantiate('stripe-payment-succeeded-slack', { credentials: { stripeSecret: creds.secret, slackWebhook: creds.slackUrl } });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ name: 'Stripe payment succeeded → Slack', active: false, version: 1, issues: [] });
    expect(res.body.hooks).toEqual([{ nodeId: 'stripe', testUrl: expect.stringContaining('/hooks/test/'), url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:9\/hooks\/[A-Za-z0-9_-]{32}$/) }]);
    const nodes = res.body.definition.nodes as Array<{ id: string; config: Record<string, unknown> }>;
    expect(nodes.find((n) => n.id === 'stripe')?.config.auth).toEqual({ kind: 'signature', preset: 'stripe', credentialId: creds.secret });
    expect(nodes.find((n) => n.id === 'slack')?.config.credentialId).toBe(creds.slackUrl);
    const saved = await api().get(`/api/workflows/${res.body.id}`).set(t.auth);
    expect(saved.body.definition).toEqual(res.body.definition);
    // Inactive: the URL answers 404 until the workflow is switched on.
    expect((await api().post(new URL(res.body.hooks[0].url).pathname).send({})).status).toBe(404);
  });

  it('activates it on request and takes a name', async () => {
    const res = await instantiate('stripe-payment-succeeded-slack', { name: 'Payments to #revenue', activate: true, credentials: { stripeSecret: creds.secret, slackWebhook: creds.slackUrl } });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ name: 'Payments to #revenue', active: true });
    const list = await api().get('/api/workflows').set(t.auth);
    expect(list.body.workflows.find((w: { id: string }) => w.id === res.body.id)).toMatchObject({ active: true, triggerType: 'webhook' });
  });

  it('refuses missing, unknown and wrong-typed credentials with an issue for each', async () => {
    const res = await instantiate('stripe-payment-succeeded-slack', { credentials: { stripeSecret: creds.slackUrl, slackWebhook: 'cred_does_not_exist' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.issues).toEqual([
      { path: 'credentials.stripeSecret', message: '"Slack #payments" is of type Incoming webhook URL; Stripe signing secret needs one of type Webhook signing secret ("webhook-secret").' },
      { path: 'credentials.slackWebhook', message: 'No credential cred_does_not_exist exists; create the Slack incoming webhook credential first (POST /api/credentials with type "webhook-url").' },
    ]);
    const missing = await instantiate('stripe-payment-succeeded-slack', {});
    expect(missing.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['credentials.stripeSecret', 'credentials.slackWebhook']);
    expect((await api().get('/api/workflows').set(t.auth)).body.workflows).toHaveLength(2);
  });

  it('refuses missing and wrong-typed inputs with clear messages', async () => {
    const res = await instantiate('shopify-low-stock-webhook', { credentials: { shopifySecret: creds.secret }, inputs: { threshold: 'some', inventoryUrl: 'erp.example.com/hook' } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([
      { path: 'inputs.threshold', message: 'Low-stock threshold must be a number.' },
      { path: 'inputs.inventoryUrl', message: 'Inventory webhook URL must be a full URL such as https://example.com/hook.' },
    ]);
    const noUrl = await instantiate('shopify-low-stock-webhook', { credentials: { shopifySecret: creds.secret } });
    expect(noUrl.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'The template cannot be set up: inputs.inventoryUrl: Inventory webhook URL is required.' });
  });

  it('refuses a body of the wrong shape and an unknown template', async () => {
    const bad = await instantiate('stripe-payment-succeeded-slack', { credentials: 'all of them', activate: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['credentials', 'activate']);
    const unknown = await instantiate('nope', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
  });

  it('never echoes a credential value', async () => {
    const res = await instantiate('stripe-payment-succeeded-slack', { credentials: { stripeSecret: creds.secret, slackWebhook: creds.slackUrl } });
    expect(res.text).not.toContain('whsec_api_test_secret_value');
    expect(res.text).not.toContain('hooks.slack.com');
  });
});
