import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

const env = useAppAndReceiver();
const api = () => request(env.t.app.handler);

const SECRETS = { token: 'tok-bearer-7Hq2', password: 'pw-basic-9Zx1', header: 'key-header-4Lm8', query: 'key-query-2Rt5' };

async function credential(type: string, data: object): Promise<string> {
  const res = await api()
    .post('/api/credentials')
    .set(env.t.auth)
    .send({ name: `${type} for tests`, type, data });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

describe('the http step with auth: {credentialId}', () => {
  it('sends bearer, basic, header and query credentials, and no secret lands in the workflow or the run', async () => {
    const ids = {
      bearer: await credential('http-bearer', { token: SECRETS.token }),
      basic: await credential('http-basic', { username: 'ana', password: SECRETS.password }),
      header: await credential('http-header', { name: 'X-Api-Key', value: SECRETS.header }),
      query: await credential('http-query', { name: 'api_key', value: SECRETS.query }),
    };
    const step = (kind: keyof typeof ids, x: number) => node(kind, 'http', { method: 'POST', url: `${env.rcv.url}/auth/${kind}?keep=1`, body: { kind }, auth: { credentialId: ids[kind] } }, x);
    const def = {
      name: 'outbound auth',
      nodes: [node('hook', 'webhook'), step('bearer', 250), step('basic', 500), step('header', 750), step('query', 1000)],
      edges: [edge('hook', 'bearer'), edge('bearer', 'basic'), edge('basic', 'header'), edge('header', 'query')],
    };
    const created = await api().post('/api/workflows').set(env.t.auth).send(def);
    expect(created.status, created.text).toBe(201);
    const hook = new URL((await api().post(`/api/workflows/${created.body.id}/activate`).set(env.t.auth)).body.hooks[0].url).pathname;
    const ack = await api().post(hook).send({ n: 1 });
    const run = await waitForRun(env.t.app.handler, env.t.auth, ack.body.runId);
    expect(run.status).toBe('succeeded');

    const got = (kind: string) => env.rcv.got.find((g) => g.url.startsWith(`/auth/${kind}`));
    expect(got('bearer')?.headers.authorization).toBe(`Bearer ${SECRETS.token}`);
    expect(got('basic')?.headers.authorization).toBe(`Basic ${Buffer.from(`ana:${SECRETS.password}`).toString('base64')}`);
    expect(got('header')?.headers['x-api-key']).toBe(SECRETS.header);
    expect(new URL(got('query')?.url ?? '', 'http://x').searchParams.get('api_key')).toBe(SECRETS.query);
    expect(new URL(got('query')?.url ?? '', 'http://x').searchParams.get('keep')).toBe('1');

    const stored = [
      JSON.stringify(run),
      JSON.stringify((await api().get(`/api/workflows/${created.body.id}`).set(env.t.auth)).body),
      JSON.stringify((await api().get('/api/credentials').set(env.t.auth)).body),
    ].join('\n');
    for (const secret of [...Object.values(SECRETS), Buffer.from(`ana:${SECRETS.password}`).toString('base64')]) expect(stored).not.toContain(secret);
  });

  it('fails the step without retrying when the credential is of another type', async () => {
    const wrong = await credential('webhook-secret', { secret: 'whsec_abcdefabcdef' });
    const def = { name: 'wrong auth', nodes: [node('hook', 'webhook'), node('post', 'http', { url: `${env.rcv.url}/auth/wrong`, auth: { credentialId: wrong } }, 250)], edges: [edge('hook', 'post')] };
    const created = await api().post('/api/workflows').set(env.t.auth).send(def);
    const hook = new URL((await api().post(`/api/workflows/${created.body.id}/activate`).set(env.t.auth)).body.hooks[0].url).pathname;
    const run = await waitForRun(env.t.app.handler, env.t.auth, (await api().post(hook).send({})).body.runId);
    expect(run.status).toBe('failed');
    expect(run.steps.find((s: { nodeId: string }) => s.nodeId === 'post').error).toMatchObject({ code: 'credential_wrong_type', retryable: false });
    expect(env.rcv.got.some((g) => g.url === '/auth/wrong')).toBe(false);
  });
});
