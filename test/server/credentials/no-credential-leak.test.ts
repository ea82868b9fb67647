import { readdirSync, readFileSync } from 'node:fs';
import { storedRows, storedTables, storedText } from '../../support/stored.js';
import { join } from 'node:path';
import { pino } from 'pino';
import Stripe from 'stripe';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { startTestApp } from '../../support/test-app.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

// Distinctive values: if any of them shows up anywhere outside the encrypted column, it leaked.
const secrets = {
  stripe: 'whsec_LEAKCHECK_stripe_9f8e7d6c5b4a',
  signing: `whsec_${Buffer.from('LEAKCHECK-outbound-signing-key!').toString('base64')}`,
  botToken: 'xoxb-LEAKCHECK-1111-2222-slackbot',
  slackSigning: 'LEAKCHECK-slack-signing-secret',
  twilio: 'LEAKCHECK-twilio-auth-token-000',
  hubspot: 'pat-na1-LEAKCHECK-hubspot-token',
  smtpPassword: 'LEAKCHECK-smtp-password',
  rotated: 'whsec_LEAKCHECK_rotated_stripe_123',
};

const logLines: string[] = [];
const responses: string[] = [];
let t: Awaited<ReturnType<typeof startTestApp>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
  t = await startTestApp({}, { logger });
  receiver = await startReceiver();
});
afterAll(async () => {
  await t.stop();
  await receiver.close();
});

/** Sends an API request and keeps the raw response text for the final scan. */
async function call(method: 'get' | 'post' | 'put' | 'delete', path: string, body?: object) {
  const req = request(t.app.handler)[method](path).set(t.auth);
  const res = body === undefined ? await req : await req.send(body);
  responses.push(res.text);
  return res;
}

/** Every row of every table as text (blobs as latin1), except the sealed credential column. */
async function databaseText(): Promise<string> {
  const out: string[] = [];
  for (const name of await storedTables(t)) {
    for (const row of await storedRows(t, `SELECT * FROM "${name}"`)) out.push(Object.values(row).map(storedText).join('\u0001'));
  }
  return out.join('\n');
}

describe('credential values never leave the encrypted column', () => {
  it('appear in no API response, log line, stored run or database file', async () => {
    const ids: Record<string, string> = {};
    for (const [name, type, data] of [
      ['stripe', 'webhook-secret', { secret: secrets.stripe }],
      ['signing', 'webhook-secret', { secret: secrets.signing }],
      ['slack', 'slack', { botToken: secrets.botToken, signingSecret: secrets.slackSigning }],
      ['twilio', 'twilio', { accountSid: `AC${'b'.repeat(32)}`, authToken: secrets.twilio }],
      ['hubspot', 'hubspot', { accessToken: secrets.hubspot }],
      ['smtp', 'smtp', { host: 'smtp.example.test', from: 'shop@example.test', username: 'shop', password: secrets.smtpPassword }],
    ] as const) {
      const res = await call('post', '/api/credentials', { name, type, data });
      expect(res.status).toBe(201);
      ids[name] = res.body.id;
    }
    // Invalid input must not echo the value either.
    expect((await call('post', '/api/credentials', { name: 'bad', type: 'twilio', data: { accountSid: secrets.twilio, authToken: secrets.twilio } })).status).toBe(400);

    const def = {
      name: 'paid -> signed notify',
      nodes: [
        node('hook', 'webhook', { auth: { kind: 'signature', preset: 'stripe', credentialId: ids.stripe } }),
        node(
          'notify',
          'http',
          {
            method: 'POST',
            url: `${receiver.url}/notify`,
            headers: { 'content-type': 'application/json' },
            body: { paid: '{{ trigger.body.id }}' },
            signing: { scheme: 'standard-webhooks', credentialId: ids.signing },
          },
          250,
        ),
      ],
      edges: [edge('hook', 'notify')],
    };
    const created = await call('post', '/api/workflows', def);
    expect(created.status).toBe(201);
    const activated = await call('post', `/api/workflows/${created.body.id}/activate`);
    const hook = new URL(activated.body.hooks[0].url).pathname;

    const stripe = new Stripe('sk_test_not_used');
    const payload = JSON.stringify({ id: 'evt_leak_1', type: 'payment_intent.succeeded' });
    const sign = (secret: string, timestamp = Math.floor(Date.now() / 1000)) => stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
    const forged = await request(t.app.handler)
      .post(hook)
      .set({ 'content-type': 'application/json', 'stripe-signature': sign('whsec_wrong') })
      .send(payload);
    responses.push(forged.text);
    expect(forged.status).toBe(401);
    const accepted = await request(t.app.handler)
      .post(hook)
      .set({ 'content-type': 'application/json', 'stripe-signature': sign(secrets.stripe) })
      .send(payload);
    responses.push(accepted.text);
    expect(accepted.status).toBe(202);

    const run = await waitForRun(t.app.handler, t.auth, accepted.body.runId);
    expect(run.status).toBe('succeeded');
    // The outbound call was signed with the credential's secret: the receiver can verify it.
    const got = receiver.got[0];
    expect(got).toBeDefined();
    const h = got?.headers ?? {};
    expect(
      new StandardWebhook(secrets.signing).verify(got?.body ?? '', {
        'webhook-id': String(h['webhook-id']),
        'webhook-timestamp': String(h['webhook-timestamp']),
        'webhook-signature': String(h['webhook-signature']),
      }),
    ).toEqual({ paid: 'evt_leak_1' });

    await call('put', `/api/credentials/${ids.stripe}`, { data: { secret: secrets.rotated }, rotate: true });
    // A credential whose stored bytes were altered: the trigger fails closed and the error is logged.
    await storedRows(t, 'UPDATE credentials SET tag = ? WHERE id = ?', [Buffer.alloc(16), ids.slack]);
    const slackDef = { name: 'slack events', nodes: [node('hook', 'webhook', { auth: { kind: 'signature', preset: 'slack', credentialId: ids.slack } })], edges: [] };
    const slackWf = await call('post', '/api/workflows', slackDef);
    const slackHook = new URL((await call('post', `/api/workflows/${slackWf.body.id}/activate`)).body.hooks[0].url).pathname;
    const unreadable = await request(t.app.handler).post(slackHook).set({ 'content-type': 'application/json' }).send('{}');
    responses.push(unreadable.text);
    expect(unreadable.body.error.reason).toBe('credential_unreadable');
    expect(logLines.some((l) => l.includes('a trigger credential cannot be read'))).toBe(true);
    expect(logLines.some((l) => l.includes('trigger request refused'))).toBe(true);
    for (const path of [
      '/api/credentials',
      `/api/credentials/${ids.slack}`,
      '/api/credentials/types',
      `/api/workflows/${created.body.id}`,
      '/api/workflows',
      `/api/runs/${accepted.body.runId}`,
      '/api/runs',
      '/api/endpoints',
      `/api/workflows/${created.body.id}/triggers/hook/rejections`,
    ]) {
      expect((await call('get', path)).status, path).toBe(200);
    }

    // The live files: database and WAL (and the key file, which holds the key, not credentials).
    const files = readdirSync(t.config.dataDir).map((f) => readFileSync(join(t.config.dataDir, f)).toString('latin1'));
    const haystacks = { responses: responses.join('\n'), logs: logLines.join(''), database: await databaseText(), files: files.join('\n') };
    expect(logLines.length).toBeGreaterThan(0);
    for (const [where, text] of Object.entries(haystacks)) {
      for (const [name, value] of Object.entries(secrets)) expect(text.includes(value), `${name} found in ${where}`).toBe(false);
    }
  });
});
