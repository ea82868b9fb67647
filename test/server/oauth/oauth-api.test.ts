import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentOverHttp, oauth2DataFor, startOidcServer, type OidcServer } from '../../support/oidc-server.js';
import { startReceiver } from '../../support/receiver.js';
import { startTestApp } from '../../support/test-app.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

// The whole server (real SQLite file, workers) with a real oidc-provider and a receiver on 127.0.0.1.
let t: Awaited<ReturnType<typeof startTestApp>>;
let oidc: OidcServer;
let rcv: Awaited<ReturnType<typeof startReceiver>>;
let cookie: string;
let auth: { authorization: string };
const logLines: string[] = [];
// Tokens the receiver saw (the only place a test can learn them); the first one of each credential is refused once.
const seen: string[] = [];
const refuseOnce = new Set<string>();

beforeAll(async () => {
  const logs = new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(chunk.toString()), done()) });
  rcv = await startReceiver((r) => {
    const token = String(r.headers.authorization ?? '').replace(/^Bearer /, '');
    seen.push(token);
    if (r.url.startsWith('/refuse-first') && !refuseOnce.has(r.url)) {
      refuseOnce.add(r.url);
      return { status: 401, body: '{"error":"token expired"}' };
    }
    if (r.url.startsWith('/always-401')) return { status: 401, body: '{"error":"nope"}' };
    if (r.url.startsWith('/hubspot/')) return { status: 200, body: '{"results":[{"id":"501","properties":{}}]}' };
    if (r.url.startsWith('/slack/')) return { status: 200, body: '{"ok":true,"ts":"1.2"}' };
    return { status: 200, body: '{"ok":true}' };
  });
  t = await startTestApp({ HUBSPOT_API_URL: `${rcv.url}/hubspot`, SLACK_API_URL: `${rcv.url}/slack` }, { logger: pino({ level: 'debug' }, logs) });
  oidc = await startOidcServer({ redirectUri: `${t.config.publicUrl}/oauth/callback` });
  const setup = await request(t.app.handler).post('/api/auth/setup').send({ email: 'ana@example.com', name: 'Ana', password: 'correct horse battery' });
  cookie = (setup.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
  auth = { authorization: `Bearer ${(await t.app.auth.createApiKey('ana', setup.body.user.id)).key}` };
}, 30_000);
afterAll(async () => {
  await t?.stop();
  await oidc?.close();
  await rcv?.close();
});

const api = () => request(t.app.handler);
async function oauthCredential(data: Record<string, unknown> = {}): Promise<string> {
  const res = await api()
    .post('/api/credentials')
    .set(auth)
    .send({
      name: 'Acme CRM',
      type: 'oauth2',
      data: oauth2DataFor(oidc, data),
    });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}
const authorize = async (id: string) => {
  const res = await api().post(`/api/credentials/${id}/oauth2/authorize`).set(auth);
  expect(res.status, res.text).toBe(200);
  return res.body as { authorizationUrl: string; expiresAt: number };
};
const callback = (url: URL) => api().get(`/oauth/callback${url.search}`).set('cookie', cookie);
async function connect(id: string) {
  const back = await consentOverHttp((await authorize(id)).authorizationUrl);
  const page = await callback(back);
  expect(page.status, page.text).toBe(200);
  return { back, page };
}
async function runHttp(id: string, path: string) {
  return runStep(node('call', 'http', { method: 'GET', url: `${rcv.url}${path}`, auth: { credentialId: id } }, 250));
}
async function runStep(step: ReturnType<typeof node>) {
  const def = { name: `oauth ${step.type}`, nodes: [node('hook', 'webhook'), step], edges: [edge('hook', step.id)] };
  const created = await api().post('/api/workflows').set(auth).send(def);
  expect(created.status, created.text).toBe(201);
  const hook = new URL((await api().post(`/api/workflows/${created.body.id}/activate`).set(auth)).body.hooks[0].url).pathname;
  const ack = await api().post(hook).send({});
  return { workflowId: created.body.id as string, run: await waitForRun(t.app.handler, auth, ack.body.runId) };
}

describe('OAuth2 connect over the API and the callback page', () => {
  it('connects with PKCE: the consent URL carries only the S256 challenge, the page names the account, the API shows "connected"', async () => {
    const id = await oauthCredential();
    expect((await api().get(`/api/credentials/${id}`).set(auth)).body).toMatchObject({ status: 'not_connected' });
    const { authorizationUrl } = await authorize(id);
    const u = new URL(authorizationUrl);
    expect(u.searchParams.get('code_challenge_method')).toBe('S256');
    expect(u.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(u.searchParams.get('redirect_uri')).toBe(`${t.config.publicUrl}/oauth/callback`);
    expect(u.searchParams.has('code_verifier')).toBe(false);
    const back = await consentOverHttp(authorizationUrl);
    const page = await callback(back);
    expect(page.status, page.text).toBe(200);
    expect(page.text).toContain('is connected as ana@example.test');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'nonce-/);
    expect((await api().get(`/api/credentials/${id}`).set(auth)).body).toMatchObject({ status: 'connected', account: 'ana@example.test' });

    // The same answer again (a replay) is refused: a state is good once.
    const replay = await callback(back);
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('already used or came too late');
  });

  it('refuses a state it never issued, an answer without a state, and a callback with nobody signed in', async () => {
    const wrong = await api().get('/oauth/callback?code=abc&state=not-a-state-we-issued').set('cookie', cookie);
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('already used or came too late');
    const none = await api().get('/oauth/callback?code=abc').set('cookie', cookie);
    expect(none.text).toContain('no state back');
    const id = await oauthCredential();
    const back = await consentOverHttp((await authorize(id)).authorizationUrl);
    const anonymous = await api().get(`/oauth/callback${back.search}`);
    expect(anonymous.status).toBe(400);
    expect(anonymous.text).toContain('Sign in to Switchyard');
  });

  it("shows the provider's refusal in words when the person declines", async () => {
    const id = await oauthCredential();
    const back = await consentOverHttp((await authorize(id)).authorizationUrl, { decline: true });
    expect(back.searchParams.get('error')).toBe('access_denied');
    const page = await callback(back);
    expect(page.status).toBe(400);
    expect(page.text).toContain('Access was declined at the provider');
    expect((await api().get(`/api/credentials/${id}`).set(auth)).body.status).toBe('not_connected');
  });

  it('sends the token from an http step, refreshes once on a 401 and sends again; no token in the run, the API, the export or the logs', async () => {
    const id = await oauthCredential();
    await connect(id);
    const before = oidc.grants.refresh_token ?? 0;
    const from = seen.length;
    const { run, workflowId } = await runHttp(id, '/refuse-first/a');
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    const [first, second] = seen.slice(from);
    expect(first).toMatch(/.{20,}/);
    expect(second).not.toBe(first);
    expect(oidc.grants.refresh_token).toBe(before + 1);

    const shown = [
      JSON.stringify(run),
      JSON.stringify((await api().get(`/api/credentials/${id}`).set(auth)).body),
      JSON.stringify((await api().get('/api/credentials').set(auth)).body),
      JSON.stringify((await api().get(`/api/workflows/${workflowId}`).set(auth)).body),
      logLines.join(''),
    ].join('\n');
    for (const secret of [first, second, oidc.clientSecret]) expect(shown).not.toContain(secret);
    expect(logLines.join('')).toContain('oauth tokens renewed');
  });

  it('marks the credential "reconnect needed" when the grant is revoked, and the step fails without retry naming it', async () => {
    const id = await oauthCredential({});
    await api().put(`/api/credentials/${id}`).set(auth).send({ name: 'Revoked CRM' });
    await connect(id);
    oidc.revokeAll();
    const { run } = await runHttp(id, '/always-401');
    expect(run.status).toBe('failed');
    const step = (run.steps as Array<{ nodeId: string; error?: { code: string; message: string; retryable?: boolean }; attempts?: number }>).find((s) => s.nodeId === 'call');
    expect(step?.error).toMatchObject({ code: 'oauth_reconnect_needed', retryable: false });
    expect(step?.error?.message).toContain('Credential "Revoked CRM" needs to be reconnected');
    const shown = (await api().get(`/api/credentials/${id}`).set(auth)).body;
    expect(shown).toMatchObject({ status: 'reconnect_needed' });
    expect(shown.problem).toContain('invalid_grant');
  });

  it('connects a client credentials credential with no consent', async () => {
    const id = await oauthCredential({ grantType: 'clientCredentials', scopes: 'api:read', authorizationUrl: undefined, issuer: undefined });
    const res = await api().post(`/api/credentials/${id}/oauth2/authorize`).set(auth);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ connected: true });
    const { run } = await runHttp(id, '/cc');
    expect(run.status).toBe('succeeded');
    expect((await api().get(`/api/credentials/${id}`).set(auth)).body).toMatchObject({ status: 'connected' });
  });

  it('lets the HubSpot and Slack actions use an oauth2 credential (their presets), sending its access token', async () => {
    const id = await oauthCredential({ preset: 'hubspot' });
    await connect(id);
    const from = seen.length;
    const hub = await runStep(node('call', 'hubspot', { operation: 'upsertContact', credentialId: id, email: 'bo@example.com' }, 250));
    expect(hub.run.status, JSON.stringify(hub.run)).toBe('succeeded');
    const slack = await runStep(node('call', 'slack', { operation: 'postMessage', credentialId: id, channel: 'C1', text: 'hi' }, 250));
    expect(slack.run.status, JSON.stringify(slack.run)).toBe('succeeded');
    const [hubToken, slackToken] = seen.slice(from);
    expect(hubToken).toMatch(/.{20,}/);
    expect(slackToken).toBe(hubToken);
    expect(JSON.stringify([hub.run, slack.run])).not.toContain(hubToken);
  });
});
