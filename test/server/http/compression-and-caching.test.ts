import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';
import { startTestApp } from '../../support/test-app.js';
import { hookToHttp } from '../../support/workflows.js';

// A built editor as vite lays it out: index.html, hashed files under assets/, public files at the root.
const client = tempDir('switchyard-client-');
const script = `export const rows = [${Array.from({ length: 2000 }, (_, i) => `{ id: ${i}, label: "row ${i}" }`).join(', ')}];\n`;
mkdirSync(join(client.path, 'assets'));
writeFileSync(join(client.path, 'index.html'), '<!doctype html><script type="module" src="/assets/index-Ab12Cd34.js"></script>');
writeFileSync(join(client.path, 'assets', 'index-Ab12Cd34.js'), script);
writeFileSync(join(client.path, 'no-eval.js'), 'window.noEval = true;\n');

let t: Awaited<ReturnType<typeof startTestApp>>;
let server: Server;
let base: string;

/** One request over a real socket, the body left exactly as it came (no client-side decoding). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const decode = (r: { headers: IncomingHttpHeaders; body: Buffer }): Buffer =>
  r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body;

beforeAll(async () => {
  t = await startTestApp({}, { clientDir: client.path });
  server = createServer(t.app.handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await t.stop();
  client.cleanup();
});

describe('compressed responses', () => {
  it.each([
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
  ])('sends a hashed asset as %s when asked, decoding to the same bytes', async (accept, encoding) => {
    const r = await raw('GET', '/assets/index-Ab12Cd34.js', { 'accept-encoding': accept });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe(encoding);
    expect(r.headers.vary).toMatch(/accept-encoding/i);
    expect(r.body.length).toBeLessThan(Buffer.byteLength(script) / 4);
    expect(decode(r).toString()).toBe(script);
  });

  it('sends the plain bytes to a client that accepts no encoding', async () => {
    const r = await raw('GET', '/assets/index-Ab12Cd34.js', { 'accept-encoding': 'identity' });
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.toString()).toBe(script);
  });

  it('compresses JSON from the API', async () => {
    const r = await raw('GET', '/api/node-types', { ...t.auth, 'accept-encoding': 'br' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toMatch(/application\/json/);
    const plain = await raw('GET', '/api/node-types', { ...t.auth, 'accept-encoding': 'identity' });
    expect(JSON.parse(decode(r).toString())).toEqual(JSON.parse(plain.body.toString()));
  });

  it('leaves a trigger URL alone: the 202 acknowledgement goes out uncompressed', async () => {
    const created = await raw('POST', '/api/workflows', { ...t.auth, 'content-type': 'application/json' }, JSON.stringify(hookToHttp('http://127.0.0.1:9/x')));
    const { id } = JSON.parse(decode(created).toString()) as { id: string };
    const activated = await raw('POST', `/api/workflows/${id}/activate`, { ...t.auth, 'accept-encoding': 'identity' });
    const hook = new URL((JSON.parse(activated.body.toString()) as { hooks: { url: string }[] }).hooks[0]?.url ?? '').pathname;
    const ack = await raw('POST', hook, { 'content-type': 'application/json', 'accept-encoding': 'gzip, br' }, JSON.stringify({ n: 1, padding: 'x'.repeat(4000) }));
    expect(ack.status).toBe(202);
    expect(ack.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(ack.body.toString())).toEqual({ runId: expect.stringMatching(/^run_/), eventId: expect.stringMatching(/^evt_/) });
  });
});

describe('caching', () => {
  it('caches hashed assets for a year, immutably', async () => {
    const r = await raw('GET', '/assets/index-Ab12Cd34.js');
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/', '/index.html', '/workflows/wf_1', '/no-eval.js'])('makes the browser revalidate %s, which has no hash in its name', async (path) => {
    const r = await raw('GET', path);
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/assets/index-Ab12Cd34.js.map', '/assets/gone-Zz99Yy88.js'])('answers %s, which is not there, with a JSON 404 instead of the page', async (path) => {
    const r = await raw('GET', path, { 'accept-encoding': 'identity' });
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(r.body.toString())).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
