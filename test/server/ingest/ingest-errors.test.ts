import { createServer, request as httpRequest, type Server } from 'node:http';
import { refuseWrites, storedCount } from '../../support/stored.js';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../support/test-app.js';
import { edge, hookToHttp, node } from '../../support/workflows.js';

let t: Awaited<ReturnType<typeof startTestApp>>;
let server: Server;
let base: string;
let hook: string;
let workflowId: string;

const count = (table: string) => storedCount(t, table);

beforeAll(async () => {
  t = await startTestApp();
  server = createServer(t.app.handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const wf = { ...hookToHttp('http://127.0.0.1:9/unused'), nodes: [node('hook', 'webhook', { methods: ['POST', 'PUT'] }), hookToHttp('http://127.0.0.1:9/unused').nodes[1]!] };
  const created = await request(t.app.handler).post('/api/workflows').set(t.auth).send(wf);
  workflowId = created.body.id;
  await request(t.app.handler).post(`/api/workflows/${workflowId}/activate`).set(t.auth);
  hook = new URL(created.body.hooks[0].url).pathname;
  // Runs would call an unreachable URL; these tests are about ingest, so stop the workers.
  await t.app.workers.stop(100);
});
afterAll(async () => {
  server.close();
  await t.stop();
});

/** Sends a body in chunks without a Content-Length, the way a streaming client does. */
function postChunked(path: string, chunks: number, chunkSize: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(chunkSize, 0x61);
    for (let i = 0; i < chunks; i++) req.write(chunk);
    req.end();
  });
}

describe('trigger URL error paths', () => {
  it('answers 404 for unknown tokens and for inactive workflows, storing nothing', async () => {
    const before = await count('events');
    expect((await request(t.app.handler).post('/hooks/not-a-real-token-00000000').send({})).status).toBe(404);
    await request(t.app.handler).post(`/api/workflows/${workflowId}/deactivate`).set(t.auth);
    const inactive = await request(t.app.handler).post(hook).send({});
    expect(inactive.status).toBe(404);
    expect(inactive.body.error.code).toBe('NOT_FOUND');
    await request(t.app.handler).post(`/api/workflows/${workflowId}/activate`).set(t.auth);
    expect(await count('events')).toBe(before);
  });

  it('refuses bodies over the limit with 413, with or without a Content-Length', async () => {
    const before = await count('events');
    const big = await request(t.app.handler)
      .post(hook)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) }));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await postChunked(hook, 40, 64 * 1024)).toBe(413);
    expect(await postChunked(hook, 4, 1024)).toBe(400); // within the limit, but "aaaa" is not JSON
    expect(await count('events')).toBe(before);
  });

  it('refuses malformed JSON and invalid UTF-8 with 400 and a clear message', async () => {
    const bad = await request(t.app.handler).post(hook).set('content-type', 'application/json').send('{"n":');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'MALFORMED_BODY', message: expect.stringContaining('not valid JSON') });
    const latin1 = await request(t.app.handler)
      .post(hook)
      .set('content-type', 'text/plain')
      .send(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    expect(latin1.status).toBe(400);
    expect(latin1.body.error.message).toContain('UTF-8');
  });

  it('accepts form and text bodies and keeps the raw bytes exactly', async () => {
    const form = await request(t.app.handler).post(hook).set('content-type', 'application/x-www-form-urlencoded').send('a=1&a=2&b=%C3%A9&__proto__=x');
    expect(form.status).toBe(202);
    const event = await t.app.store.runs.getEvent(form.body.eventId);
    expect(event?.body.toString()).toBe('a=1&a=2&b=%C3%A9&__proto__=x');
    const detail = await request(t.app.handler).get(`/api/runs/${form.body.runId}`).set(t.auth);
    expect(detail.body.steps[0].output.body).toEqual({ a: ['1', '2'], b: 'é', ['__proto__']: 'x' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('answers 405 for methods the trigger does not accept', async () => {
    const res = await request(t.app.handler).delete(hook);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST, PUT');
    expect((await request(t.app.handler).put(hook).send({ ok: 1 })).status).toBe(202);
  });

  it('dedupes on Idempotency-Key: a repeat gets 200 and the original run, and no second run', async () => {
    const runsBefore = await count('runs');
    const first = await request(t.app.handler).post(hook).set('idempotency-key', 'order-123').send({ n: 1 });
    const again = await request(t.app.handler).post(hook).set('idempotency-key', 'order-123').send({ n: 1 });
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ runId: first.body.runId, eventId: first.body.eventId });
    expect(await count('runs')).toBe(runsBefore + 1);
    const long = await request(t.app.handler).post(hook).set('idempotency-key', 'k'.repeat(300)).send({});
    expect(long.status).toBe(400);
  });

  it('dedupes concurrent repeats that land in the same group commit', async () => {
    const runsBefore = await count('runs');
    const all = await Promise.all(Array.from({ length: 8 }, () => request(t.app.handler).post(hook).set('idempotency-key', 'burst-1').send({ n: 2 })));
    expect(all.filter((r) => r.status === 202)).toHaveLength(1);
    expect(new Set(all.map((r) => r.body.runId)).size).toBe(1);
    expect(await count('runs')).toBe(runsBefore + 1);
  });

  it('answers 503 and acknowledges nothing when the database cannot take the write', async () => {
    const before = await count('events');
    const allow = await refuseWrites(t, 'events');
    try {
      const res = await request(t.app.handler).post(hook).send({ n: 3 });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('UNAVAILABLE');
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await allow();
    }
    expect(await count('events')).toBe(before);
    expect((await request(t.app.handler).post(hook).send({ n: 4 })).status).toBe(202);
  });
});

describe('trigger authentication', () => {
  it('fails closed with 401 when the trigger names a credential that does not exist, storing nothing', async () => {
    const def = { ...hookToHttp('http://127.0.0.1:9/unused'), name: 'signed' };
    def.nodes = [node('hook', 'webhook', { auth: { kind: 'signature', preset: 'github', credentialId: 'cred_x' } }), def.nodes[1]!];
    const created = await request(t.app.handler).post('/api/workflows').set(t.auth).send(def);
    const activated = await request(t.app.handler).post(`/api/workflows/${created.body.id}/activate`).set(t.auth);
    const before = await count('events');
    const res = await request(t.app.handler).post(new URL(activated.body.hooks[0].url).pathname).send({ forged: true });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'UNAUTHORIZED', reason: 'credential_missing' });
    expect(await count('events')).toBe(before);
  });
});

describe('API error paths', () => {
  it('requires a session or an API key on every /api route', async () => {
    for (const path of ['/api/workflows', '/api/runs', '/api/node-types', `/api/workflows/${workflowId}`]) {
      const res = await request(t.app.handler).get(path);
      expect(res.status, path).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    }
    expect((await request(t.app.handler).get('/api/workflows').set('authorization', 'Bearer sy_live_wrong')).status).toBe(401);
    expect((await request(t.app.handler).get('/api/workflows').set('authorization', 'Basic abc')).status).toBe(401);
    expect((await request(t.app.handler).get('/healthz')).status).toBe(200);
  });

  it('refuses an invalid workflow with 400 and issues that point at nodes and edges', async () => {
    const res = await request(t.app.handler)
      .post('/api/workflows')
      .set(t.auth)
      .send({ name: 'broken', nodes: [node('hook', 'webhook'), node('h', 'http', {})], edges: [edge('hook', 'ghost')] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ nodeId: 'h', path: 'config.url' }), expect.objectContaining({ edgeId: 'hook-out-ghost', path: 'edges[0].target' })]),
    );
  });

  it('answers malformed JSON, unknown ids and unknown routes with JSON errors, never HTML', async () => {
    const bad = await request(t.app.handler).post('/api/workflows').set(t.auth).set('content-type', 'application/json').send('{oops');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('MALFORMED_BODY');
    expect((await request(t.app.handler).get('/api/workflows/wf_nope').set(t.auth)).status).toBe(404);
    expect((await request(t.app.handler).get('/api/runs/run_nope').set(t.auth)).status).toBe(404);
    const unknown = await request(t.app.handler).get('/api/nothing-here').set(t.auth);
    expect(unknown.status).toBe(404);
    expect(unknown.type).toBe('application/json');
  });

  it('serves node types with JSON Schema configs', async () => {
    const res = await request(t.app.handler).get('/api/node-types').set(t.auth);
    expect(res.status).toBe(200);
    const types = res.body.nodeTypes.map((n: { type: string }) => n.type);
    expect(types).toEqual(expect.arrayContaining(['webhook', 'http', 'filter', 'branch', 'respond', 'code']));
    const http = res.body.nodeTypes.find((n: { type: string }) => n.type === 'http');
    expect(http.configSchema.properties.url.type).toBe('string');
    expect(http.outputs).toEqual([{ id: 'out', label: 'Next' }]);
  });
});
