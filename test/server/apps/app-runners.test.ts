import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialCipher } from '../../../server/credentials/credential-cipher.js';
import { createCredentialService } from '../../../server/credentials/credential-service.js';
import { createCredentialResolver } from '../../../server/credentials/resolve-credential.js';
import { openDatabase } from '../../../server/store/sqlite/database.js';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { createSqliteStore } from '../../../server/store/sqlite/create-sqlite-store.js';
import { createDelivery } from '../../../server/delivery/create-delivery.js';
import { createManualClock } from '../../../server/lib/clock.js';
import { createAppRunners } from '../../../server/runners/apps/index.js';
import type { StepContext } from '../../../server/runners/runner.js';
import { discordConfigSchema } from '../../../shared/nodes/apps/discord.node.js';
import { pagerdutyConfigSchema } from '../../../shared/nodes/apps/pagerduty.node.js';
import { createPathExpressionEvaluator } from '../../support/path-expression-evaluator.js';
import { discordWebhookId, startDiscordFake } from '../../support/fakes/discord-fake.js';
import { startPagerdutyFake } from '../../support/fakes/pagerduty-fake.js';
import type { StepScope } from '../../../server/engine/step-types.js';

// The runners hide their credential's secrets themselves, before the executor's redactor
// (which knows every stored secret) sees anything: checked here without the executor.
const clock = createManualClock(Date.parse('2024-05-01T10:00:00Z'));
const db = openDatabase(':memory:');
const credentials = createCredentialService({ store: createSqliteStore(db, createCommitQueue(db)), cipher: createCredentialCipher(randomBytes(32)), clock });
const delivery = createDelivery({ clock, egressAllow: '127.0.0.1/32' });
const evaluator = createPathExpressionEvaluator();
let discord: Awaited<ReturnType<typeof startDiscordFake>>;
let pd: Awaited<ReturnType<typeof startPagerdutyFake>>;
let runners: ReturnType<typeof createAppRunners>;

beforeAll(async () => {
  discord = await startDiscordFake();
  pd = await startPagerdutyFake();
  runners = createAppRunners({
    deliverer: delivery.deliverer,
    guard: delivery.guard,
    resolveCredential: createCredentialResolver(credentials),
    baseUrls: { slack: 'http://127.0.0.1:9/api', hubspot: 'http://127.0.0.1:9', mailchimp: 'http://127.0.0.1:9', pagerduty: pd.url, twilio: 'http://127.0.0.1:9' },
  });
});
afterAll(async () => {
  await discord?.close();
  await pd?.close();
  await delivery.close();
  db.close();
});

function ctx(body: unknown = {}): StepContext {
  const scope: StepScope = { trigger: { body, headers: {}, query: {}, method: 'POST' }, input: null, steps: {} };
  return {
    runId: 'run_1',
    workflowId: 'wf_1',
    nodeId: 'act',
    attempt: 1,
    scope,
    idempotencyKey: 'sy_run1act',
    clock,
    signal: new AbortController().signal,
    render: (v) => evaluator.render(v, scope),
    incoming: [],
    replyToTrigger: () => undefined,
  };
}

describe('app runners hide their own secrets', () => {
  it('a Discord webhook token never shows in the outcome, even in the request URL of a failure', async () => {
    const token = 'LEAKCHECK-unit-discord-token';
    const cred = await credentials.create({ name: 'd', type: 'webhook-url', data: { url: `${discord.url}/api/webhooks/${discordWebhookId}/${token}` } });
    const out = await runners.discord.run(discordConfigSchema.parse({ credentialId: cred.id, content: 'hi' }), ctx());
    expect(out).toMatchObject({ kind: 'failed', error: { code: 'discord_error', status: 401, discordCode: 50027 } });
    const text = JSON.stringify(out);
    expect(text).not.toContain(token);
    expect(text).toContain('[redacted]');
    // The request did carry it: the fake saw the token in the path.
    expect(discord.requests.at(-1)?.path).toContain(token);
  });

  it('a PagerDuty routing key, which travels in the body, shows redacted in the request preview', async () => {
    const routingKey = 'LEAKCHECKroutingKEY0123456789abc';
    const cred = await credentials.create({ name: 'p', type: 'pagerduty', data: { routingKey } });
    const out = await runners.pagerduty.run(pagerdutyConfigSchema.parse({ credentialId: cred.id, action: 'resolve', dedupKey: 'k1' }), ctx());
    expect(out.kind).toBe('succeeded');
    const request = (out.detail as { request: { body: string } }).request;
    expect(JSON.parse(request.body)).toEqual({ routing_key: '[redacted]', event_action: 'resolve', dedup_key: 'k1' });
    expect(JSON.stringify(out)).not.toContain(routingKey);
  });
});

describe('resolveCredential', () => {
  const resolve = createCredentialResolver(credentials);
  it('returns the credential of a fitting type, and permanent errors otherwise', async () => {
    const hub = await credentials.create({ name: 'Sales HubSpot', type: 'hubspot', data: { accessToken: 'pat-na1-x' } });
    const ok = await resolve(hub.id, ['hubspot']);
    expect(ok.ok && ok.credential.data.accessToken).toBe('pat-na1-x');
    expect(await resolve(hub.id, ['slack', 'webhook-url'])).toEqual({
      ok: false,
      error: {
        code: 'credential_wrong_type',
        retryable: false,
        message: 'Credential "Sales HubSpot" is a HubSpot credential; this step needs a Slack (slack) or Incoming webhook URL (webhook-url) credential.',
      },
    });
    expect(await resolve('cred_nope', ['smtp'])).toMatchObject({ ok: false, error: { code: 'credential_missing', retryable: false } });
  });

  it('says when a credential cannot be opened, without its data', async () => {
    const c = await credentials.create({ name: 'tw', type: 'twilio', data: { accountSid: `AC${'a'.repeat(32)}`, authToken: 'LEAKCHECK-unreadable' } });
    db.prepare('UPDATE credentials SET tag = zeroblob(16) WHERE id = ?').run(c.id);
    const r = await resolve(c.id, ['twilio']);
    expect(r).toMatchObject({ ok: false, error: { code: 'credential_unreadable', retryable: false } });
    expect(JSON.stringify(r)).not.toContain('LEAKCHECK');
  });
});
