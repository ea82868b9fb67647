import { createHmac } from 'node:crypto';
import { storedRows } from '../../support/stored.js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../support/test-app.js';
import { edge, node } from '../../support/workflows.js';

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.workers.stop(100);
});
afterAll(async () => {
  await t.stop();
});

async function deploy(auth: Record<string, unknown>) {
  const def = {
    name: `auth ${String(auth.kind)}`,
    nodes: [node('hook', 'webhook', { auth }), node('f', 'filter', { rules: [{ field: 'trigger.body', operator: 'exists' }] })],
    edges: [edge('hook', 'f')],
  };
  const wf = (await request(t.app.handler).post('/api/workflows').set(t.auth).send(def)).body;
  return new URL((await request(t.app.handler).post(`/api/workflows/${wf.id}/activate`).set(t.auth)).body.hooks[0].url).pathname;
}

describe('what ingest keeps of an authenticated request', () => {
  it('never stores the header that carries a header-auth credential', async () => {
    const secret = 'Bearer s3cret-token-value-42';
    const cred = await request(t.app.handler)
      .post('/api/credentials')
      .set(t.auth)
      .send({ name: 'token', type: 'header', data: { name: 'authorization', value: secret } });
    expect(cred.status).toBe(201);
    const hook = await deploy({ kind: 'header', credentialId: cred.body.id });
    expect((await request(t.app.handler).post(hook).set('authorization', 'Bearer wrong').send({ a: 1 })).status).toBe(401);
    const ok = await request(t.app.handler).post(hook).set('authorization', secret).send({ a: 1 });
    expect(ok.status).toBe(202);
    const event = await t.app.store.runs.getEvent(ok.body.eventId);
    expect(event?.headers.authorization).toBe('[redacted]');
    const dump = JSON.stringify(await storedRows(t, 'SELECT headers FROM events'));
    expect(dump).not.toContain('s3cret-token-value-42');
  });

  it('dedupes on the signed provider event id even when a different Idempotency-Key is sent', async () => {
    const cred = await request(t.app.handler)
      .post('/api/credentials')
      .set(t.auth)
      .send({ name: 'gh', type: 'webhook-secret', data: { secret: 'gh-secret-abc' } });
    const hook = await deploy({ kind: 'signature', preset: 'github', credentialId: cred.body.id });
    const body = JSON.stringify({ action: 'opened', number: 7 });
    const sig = `sha256=${createHmac('sha256', 'gh-secret-abc').update(body).digest('hex')}`;
    const send = (key: string) =>
      request(t.app.handler).post(hook).set('content-type', 'application/json').set('x-hub-signature-256', sig).set('x-github-delivery', 'delivery-1').set('idempotency-key', key).send(body);
    const first = await send('one');
    const replay = await send('two');
    expect(first.status).toBe(202);
    expect(replay.status).toBe(200);
    expect(replay.body.runId).toBe(first.body.runId);
  });
});
