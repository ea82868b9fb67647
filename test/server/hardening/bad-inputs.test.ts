import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../server/http/http-server.js';
import { createCli } from '../../../server/cli.js';
import { storedCount, storedRows, storedText } from '../../support/stored.js';
import { startTestApp } from '../../support/test-app.js';
import { edge, node } from '../../support/workflows.js';
import { deepArray, prototypeSnapshot, raw, send, type Reply, type SendOptions } from './support.js';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;
let t: TestApp;
let server: Server;
let base: string;
let port: number;
let hook: string;
let workflowId: string;
const before = prototypeSnapshot();

const MIB = 1024 * 1024;
const api = (o: SendOptions) => send(base, { ...o, headers: { authorization: t.auth.authorization, ...o.headers } });
const json = { 'content-type': 'application/json' };
const goodWorkflow = (extra: Record<string, unknown> = {}) => ({
  name: 'hardening target',
  nodes: [node('hook', 'webhook'), node('check', 'filter', { rules: [{ field: 'trigger.method', operator: 'equals', value: 'POST' }] }, 250)],
  edges: [edge('hook', 'check')],
  ...extra,
});
const postWorkflow = (body: unknown) => api({ path: '/api/workflows', headers: json, body: typeof body === 'string' ? body : JSON.stringify(body) });
const withNodes = (nodes: unknown[], edges: unknown[] = []) => postWorkflow({ name: 'x', nodes, edges });
const hookNode = (config: Record<string, unknown> = {}) => node('hook', 'webhook', config);

/** Runs `switchyard <args>` in this process against the test's data dir; 0 on success, 1 on a reported error. */
async function cli(args: string[]): Promise<{ code: number; message: string }> {
  const saved = { ...process.env };
  const write = process.stdout.write.bind(process.stdout);
  Object.assign(process.env, t.storeEnv);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    await createCli()
      .exitOverride()
      .configureOutput({ writeErr: () => undefined })
      .parseAsync(['node', 'switchyard', ...args]);
    return { code: 0, message: '' };
  } catch (err) {
    return { code: 1, message: err instanceof Error ? err.message : String(err) };
  } finally {
    process.stdout.write = write;
    for (const name of Object.keys(t.storeEnv)) if (saved[name] === undefined) delete process.env[name];
    Object.assign(process.env, saved);
  }
}
const importFile = async (name: string, content: string | Buffer) => {
  const dir = join(t.config.dataDir, 'imports');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), content);
  const r = await cli(['workflow', 'import', join(dir, name)]);
  return { status: r.code, text: r.message, headers: {} } satisfies Reply;
};

interface Case {
  /** What is wrong with the input. */
  name: string;
  /** The expected HTTP status, or for the CLI the exit code (0 imported, 1 refused with a message). */
  expect: number;
  run: () => Promise<Reply>;
  /** Further checks on the answer. */
  check?: (r: Reply) => void;
}

const errorShape = (code: string) => (r: Reply) => expect(JSON.parse(r.text).error).toMatchObject({ code, message: expect.any(String) });

beforeAll(async () => {
  t = await startTestApp({ HEADERS_TIMEOUT_MS: '600', REQUEST_TIMEOUT_MS: '1500' });
  server = createHttpServer(t.app.handler, t.config.ingress);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  // A stored credential turns on secret redaction of recorded steps, which walks user data too.
  await api({ path: '/api/credentials', headers: json, body: JSON.stringify({ name: 'k', type: 'header', data: { value: 'Bearer hardening-secret-value' } }) });
  const created = JSON.parse((await postWorkflow(goodWorkflow())).text);
  workflowId = created.id;
  const activated = JSON.parse((await api({ path: `/api/workflows/${workflowId}/activate` })).text);
  hook = new URL(activated.hooks[0].url).pathname;
});
afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await t?.stop();
});

const cases = (): Case[] => [
  // ---- trigger URLs: bodies ----
  {
    name: 'hook: declared body over the 1 MiB limit',
    expect: 413,
    run: () => send(base, { path: hook, headers: json, body: `{"p":"${'x'.repeat(MIB + 10)}"}` }),
    check: errorShape('PAYLOAD_TOO_LARGE'),
  },
  {
    name: 'hook: chunked body over the limit, no Content-Length',
    expect: 413,
    run: () => send(base, { path: hook, headers: json, body: Array.from({ length: 40 }, () => Buffer.alloc(64 * 1024, 0x61)) }),
  },
  {
    name: 'hook: Content-Length claims 10 GB',
    expect: 413,
    run: () => raw(port, [`POST ${hook} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\nConnection: close\r\n\r\n{}`]),
  },
  { name: 'hook: JSON nested 100,000 deep', expect: 400, run: () => send(base, { path: hook, headers: json, body: deepArray(100_000) }), check: errorShape('MALFORMED_BODY') },
  { name: 'hook: JSON nested 65 deep (one past the limit)', expect: 400, run: () => send(base, { path: hook, headers: json, body: deepArray(65) }) },
  { name: 'hook: JSON nested 60 deep is fine', expect: 202, run: () => send(base, { path: hook, headers: json, body: deepArray(60) }) },
  { name: 'hook: huge array within the limit', expect: 202, run: () => send(base, { path: hook, headers: json, body: `[${Array.from({ length: 200_000 }, () => '0').join(',')}]` }) },
  { name: 'hook: huge string within the limit', expect: 202, run: () => send(base, { path: hook, headers: json, body: JSON.stringify({ s: 'y'.repeat(900_000) }) }) },
  { name: 'hook: JSON content type, form body', expect: 400, run: () => send(base, { path: hook, headers: json, body: 'a=1&b=2' }), check: errorShape('MALFORMED_BODY') },
  { name: 'hook: no content type, binary junk (not UTF-8)', expect: 400, run: () => send(base, { path: hook, body: Buffer.from([0xff, 0xfe, 0x00, 0x81]) }) },
  { name: 'hook: text/plain with invalid UTF-8', expect: 400, run: () => send(base, { path: hook, headers: { 'content-type': 'text/plain' }, body: Buffer.from([0x63, 0x61, 0x66, 0xe9]) }) },
  { name: 'hook: JSON with a lone surrogate escape (valid JSON)', expect: 202, run: () => send(base, { path: hook, headers: json, body: '{"s":"\\ud800"}' }) },
  {
    name: 'hook: unknown content type is kept as raw bytes',
    expect: 202,
    run: () => send(base, { path: hook, headers: { 'content-type': 'application/x-made-up' }, body: Buffer.from([0, 1, 2, 255]) }),
  },
  { name: 'hook: absurd content type header', expect: 400, run: () => send(base, { path: hook, headers: { 'content-type': `application/json; ${'charset=x;'.repeat(500)}` }, body: '{' }) },
  { name: 'hook: UTF-8 BOM before JSON', expect: 202, run: () => send(base, { path: hook, headers: json, body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"bom":true}')]) }) },
  { name: 'hook: duplicate keys (last wins, raw bytes kept)', expect: 202, run: () => send(base, { path: hook, headers: json, body: '{"a":1,"a":2}' }) },
  {
    name: 'hook: __proto__ / constructor / prototype keys in the body',
    expect: 202,
    run: () => send(base, { path: hook, headers: json, body: '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"prototype":{"polluted":3}}' }),
  },
  {
    name: 'hook: __proto__ in a form body',
    expect: 202,
    run: () => send(base, { path: hook, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '__proto__[polluted]=1&constructor[prototype][polluted]=2' }),
  },
  // ---- trigger URLs: query, headers, methods, paths ----
  {
    name: 'hook: __proto__ and constructor in the query string, repeated',
    expect: 202,
    run: () => send(base, { path: `${hook}?__proto__=x&__proto__=y&constructor=z&prototype=p`, headers: json, body: '{}' }),
  },
  {
    name: 'hook: a header named __proto__',
    expect: 202,
    run: () => raw(port, [`POST ${hook} HTTP/1.1\r\nHost: x\r\n__proto__: polluted\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`]),
  },
  {
    name: 'hook: 3,000 headers (past the header size limit)',
    expect: 431,
    run: () => raw(port, [`POST ${hook} HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 3000 }, (_, i) => `x-h${i}: v\r\n`).join('')}Connection: close\r\n\r\n`]),
    check: errorShape('HEADERS_TOO_LARGE'),
  },
  { name: 'hook: one 20 KB header', expect: 431, run: () => raw(port, [`POST ${hook} HTTP/1.1\r\nHost: x\r\nx-big: ${'b'.repeat(20_000)}\r\nConnection: close\r\n\r\n`]) },
  { name: 'hook: method the trigger does not accept', expect: 405, run: () => send(base, { method: 'DELETE', path: hook }), check: (r) => expect(r.headers.allow).toBe('POST') },
  { name: 'hook: unknown method token', expect: 405, run: () => send(base, { method: 'PROPFIND', path: hook }) },
  { name: 'hook: method with invalid characters', expect: 400, run: () => raw(port, [`G@T ${hook} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`]), check: errorShape('BAD_REQUEST') },
  {
    name: 'hook: both Content-Length and Transfer-Encoding',
    expect: 400,
    run: () => raw(port, [`POST ${hook} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`]),
  },
  { name: 'hook: broken chunked encoding', expect: 400, run: () => raw(port, [`POST ${hook} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\nhello\r\n0\r\n\r\n`]) },
  { name: 'hook: unknown token', expect: 404, run: () => send(base, { path: '/hooks/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', headers: json, body: '{}' }), check: errorShape('NOT_FOUND') },
  { name: 'hook: token of 200 characters', expect: 404, run: () => send(base, { path: `/hooks/${'a'.repeat(200)}`, headers: json, body: '{}' }), check: errorShape('NOT_FOUND') },
  { name: 'hook: percent-encoded dot-dot in the token', expect: 404, run: () => send(base, { path: '/hooks/%2e%2e%2fapi%2fworkflows', headers: json, body: '{}' }) },
  { name: 'hook: literal ../ towards the API', expect: 404, run: () => raw(port, [`POST /hooks/../api/workflows HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`]) },
  { name: 'hook: NUL byte in the token', expect: 404, run: () => send(base, { path: `${hook}%00`, headers: json, body: '{}' }) },
  { name: 'hook: the real token with a trailing encoded slash', expect: 404, run: () => send(base, { path: `${hook}%2F`, headers: json, body: '{}' }) },
  { name: 'hook: Idempotency-Key of 10,000 characters', expect: 400, run: () => send(base, { path: hook, headers: { ...json, 'idempotency-key': 'k'.repeat(10_000) }, body: '{}' }) },
  // ---- trigger URLs: slow clients ----
  {
    name: 'hook: slowloris headers (one line at a time)',
    expect: 408,
    run: () => raw(port, [`POST ${hook} HTTP/1.1\r\n`, 'Host: x\r\n', 'X-A: 1\r\n', 'X-B: 1\r\n', 'X-C: 1\r\n', 'X-D: 1\r\n', 'X-E: 1\r\n', 'X-F: 1\r\n', '\r\n'], 250),
    check: errorShape('REQUEST_TIMEOUT'),
  },
  {
    name: 'hook: trickled body (a byte every 150 ms)',
    expect: 408,
    run: () => raw(port, [`POST ${hook} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n`, ...'{"slow":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}'.split('')], 150),
  },
  // ---- API: bodies ----
  { name: 'api: declared body over 5 MB', expect: 413, run: () => postWorkflow({ name: 'x', description: 'd'.repeat(6 * MIB), nodes: [] }), check: errorShape('PAYLOAD_TOO_LARGE') },
  {
    name: 'api: chunked body over 5 MB',
    expect: 413,
    run: () => api({ path: '/api/workflows', headers: json, body: [Buffer.from('{"name":"'), ...Array.from({ length: 100 }, () => Buffer.alloc(64 * 1024, 0x61)), Buffer.from('"}')] }),
  },
  {
    name: 'api: JSON nested 100,000 deep in a node config',
    expect: 400,
    run: () => postWorkflow(`{"name":"d","nodes":[{"id":"hook","type":"webhook","position":{"x":0,"y":0},"config":{"x":${deepArray(100_000)}}}]}`),
    check: errorShape('MALFORMED_BODY'),
  },
  { name: 'api: JSON nested 5,000 deep', expect: 400, run: () => postWorkflow(`{"name":"d","nodes":[],"x":${deepArray(5_000)}}`) },
  {
    name: 'api: text/plain body',
    expect: 415,
    run: () => api({ path: '/api/workflows', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(goodWorkflow()) }),
    check: errorShape('UNSUPPORTED_MEDIA_TYPE'),
  },
  { name: 'api: body without a content type', expect: 415, run: () => api({ path: '/api/workflows', body: JSON.stringify(goodWorkflow()) }) },
  { name: 'api: form body', expect: 415, run: () => api({ path: '/api/workflows', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x' }) },
  {
    name: 'api: invalid UTF-8 inside a JSON string',
    expect: 400,
    run: () => api({ path: '/api/workflows', headers: json, body: Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","nodes":[]}')]) }),
    check: errorShape('MALFORMED_BODY'),
  },
  {
    name: 'api: UTF-8 BOM before valid JSON',
    expect: 201,
    run: () => api({ path: '/api/workflows', headers: json, body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(goodWorkflow()))]) }),
  },
  { name: 'api: malformed JSON', expect: 400, run: () => postWorkflow('{"name":'), check: errorShape('MALFORMED_BODY') },
  { name: 'api: NaN literal', expect: 400, run: () => postWorkflow(JSON.stringify(goodWorkflow()).replace('"x":0', '"x":NaN')) },
  { name: 'api: 1e999 (Infinity) as a position', expect: 400, run: () => postWorkflow(JSON.stringify(goodWorkflow()).replace('"x":0', '"x":1e999')), check: errorShape('VALIDATION_FAILED') },
  { name: 'api: absurd position 1e12', expect: 400, run: () => postWorkflow(JSON.stringify(goodWorkflow()).replace('"x":0', '"x":1000000000000')) },
  { name: 'api: duplicate keys (last wins)', expect: 201, run: () => postWorkflow(JSON.stringify(goodWorkflow()).replace('{"name":"hardening target"', '{"name":"first","name":"dupes"')) },
  {
    name: 'api: __proto__ at the top of a workflow',
    expect: 201,
    run: () => postWorkflow(JSON.stringify(goodWorkflow()).replace('{"name"', '{"__proto__":{"active":true,"polluted":1},"name"')),
    check: (r) => expect(JSON.parse(r.text).active).toBe(false),
  },
  {
    name: 'api: constructor.prototype and __proto__ in a node config',
    expect: 201,
    run: () => postWorkflow(JSON.stringify(goodWorkflow()).replace('"config":{}', '"config":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}}}')),
  },
  {
    name: 'api: unknown fields are dropped',
    expect: 201,
    run: () => postWorkflow({ ...goodWorkflow(), extra: 1, nodes: goodWorkflow().nodes.map((n) => ({ ...n, whatever: true })) }),
    check: (r) => expect(r.text).not.toContain('whatever'),
  },
  { name: 'api: body is null', expect: 400, run: () => postWorkflow('null') },
  { name: 'api: body is an array', expect: 400, run: () => postWorkflow('[1,2]') },
  // ---- API: workflow JSON ----
  { name: 'api: 2,001 nodes', expect: 400, run: () => withNodes(Array.from({ length: 2001 }, (_, i) => node(`n${i}`, 'webhook'))), check: errorShape('VALIDATION_FAILED') },
  {
    name: 'api: 5,001 edges',
    expect: 400,
    run: () =>
      withNodes(
        [hookNode()],
        Array.from({ length: 5001 }, (_, i) => ({ id: `e${i}`, source: 'hook', target: 'hook' })),
      ),
  },
  {
    name: 'api: a cycle',
    expect: 400,
    run: () => withNodes([hookNode(), node('a', 'code', { code: 'return 1' }), node('b', 'code', { code: 'return 1' })], [edge('hook', 'a'), edge('a', 'b'), edge('b', 'a')]),
  },
  { name: 'api: duplicate node ids', expect: 400, run: () => withNodes([hookNode(), node('a', 'code', { code: 'return 1' }), node('a', 'code', { code: 'return 2' })], [edge('hook', 'a')]) },
  { name: 'api: label of 10,000 characters', expect: 400, run: () => withNodes([{ ...hookNode(), label: 'l'.repeat(10_000) }]) },
  { name: 'api: name of 1 MB', expect: 400, run: () => postWorkflow({ ...goodWorkflow(), name: 'n'.repeat(MIB) }) },
  { name: 'api: node id with path characters', expect: 400, run: () => withNodes([{ ...hookNode(), id: '../../etc' }]) },
  { name: 'api: unknown node type', expect: 400, run: () => withNodes([hookNode(), node('x', 'rm-rf')]) },
  { name: 'api: node config of the wrong shape', expect: 400, run: () => withNodes([hookNode({ methods: 'POST', maxBodyBytes: -1 })]) },
  {
    name: 'api: webhook config with a bad allow-list and rate limit',
    expect: 400,
    run: () => withNodes([hookNode({ allowedIps: ['10.0.0.0/33', 'evil.example'], rateLimit: { requests: 0, per: 'hour' } })]),
  },
  { name: 'api: expression that does not parse', expect: 400, run: () => withNodes([hookNode(), node('o', 'http', { method: 'POST', url: '{{ )( }}' })], [edge('hook', 'o')]) },
  { name: 'api: unclosed expression', expect: 400, run: () => withNodes([hookNode(), node('o', 'http', { method: 'POST', url: 'https://x.test/{{ trigger.body' })], [edge('hook', 'o')]) },
  { name: 'api: code of 2 MB', expect: 400, run: () => withNodes([hookNode(), node('c', 'code', { code: `//${'c'.repeat(2 * 1024 * 1024)}` })], [edge('hook', 'c')]) },
  // ---- API: query, path, auth, methods ----
  { name: 'api: limit given twice (array where a string is expected)', expect: 400, run: () => api({ method: 'GET', path: '/api/runs?limit=1&limit=2' }), check: errorShape('BAD_REQUEST') },
  { name: 'api: limit not a number', expect: 400, run: () => api({ method: 'GET', path: '/api/runs?limit=1e9' }) },
  { name: 'api: cursor that was never handed out', expect: 400, run: () => api({ method: 'GET', path: '/api/runs?cursor=%00%FF' }) },
  { name: 'api: inbox cursor that is not a cursor', expect: 400, run: () => api({ method: 'GET', path: `/api/workflows/${workflowId}/rejections?cursor=../../x` }) },
  { name: 'api: inbox limit of 10,000', expect: 400, run: () => api({ method: 'GET', path: `/api/workflows/${workflowId}/rejections?limit=10000` }) },
  { name: 'api: __proto__ in the query', expect: 200, run: () => api({ method: 'GET', path: '/api/runs?__proto__=x&constructor[prototype]=y' }) },
  { name: 'api: sample with nodeId given twice', expect: 400, run: () => api({ method: 'GET', path: `/api/workflows/${workflowId}/sample?nodeId=a&nodeId=b` }) },
  { name: 'api: malformed percent-encoding in a path parameter', expect: 400, run: () => api({ method: 'GET', path: '/api/workflows/%E0%A4%A' }), check: errorShape('BAD_REQUEST') },
  { name: 'api: encoded slash in an id', expect: 404, run: () => api({ method: 'GET', path: '/api/workflows/..%2F..%2Fruns' }) },
  { name: 'api: unsupported method on a route', expect: 404, run: () => api({ method: 'PATCH', path: `/api/workflows/${workflowId}`, headers: json, body: '{}' }), check: errorShape('NOT_FOUND') },
  {
    name: 'api: bearer key of 10 KB',
    expect: 401,
    run: () => send(base, { method: 'GET', path: '/api/workflows', headers: { authorization: `Bearer ${'k'.repeat(10_000)}` } }),
    check: errorShape('UNAUTHORIZED'),
  },
  { name: 'api: made-up key', expect: 401, run: () => send(base, { method: 'GET', path: '/api/workflows', headers: { authorization: 'Bearer sy_live_0000' } }) },
  {
    name: 'api: listen with an absurd timeout',
    expect: 400,
    run: () => api({ path: `/api/workflows/${workflowId}/listen`, headers: json, body: JSON.stringify({ nodeId: 'hook', timeoutMs: 1e12 }) }),
  },
  {
    name: 'api: test event with object header values',
    expect: 400,
    run: () => api({ path: `/api/workflows/${workflowId}/test-run`, headers: json, body: JSON.stringify({ event: { headers: { a: { b: 1 } }, body: {} } }) }),
  },
  { name: 'api: rotate with a string grace period', expect: 400, run: () => api({ path: `/api/workflows/${workflowId}/triggers/hook/rotate`, headers: json, body: '{"graceSeconds":"1e9"}' }) },
  {
    name: 'api: slowloris headers on the API',
    expect: 408,
    run: () => raw(port, ['GET /api/workflows HTTP/1.1\r\n', 'Host: x\r\n', 'X-A: 1\r\n', 'X-B: 1\r\n', 'X-C: 1\r\n', 'X-D: 1\r\n', 'X-E: 1\r\n', '\r\n'], 250),
  },
  // ---- imported files through the CLI (exit code) ----
  { name: 'cli: file that is not JSON', expect: 1, run: () => importFile('not.json', 'name: yaml?'), check: (r) => expect(r.text).toContain('not valid JSON') },
  { name: 'cli: file with a UTF-8 BOM', expect: 0, run: () => importFile('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(goodWorkflow()))])) },
  { name: 'cli: file in Latin-1', expect: 1, run: () => importFile('latin1.json', Buffer.from('{"name":"caf\xe9","nodes":[]}', 'latin1')), check: (r) => expect(r.text).toContain('UTF-8') },
  { name: 'cli: file nested 100,000 deep', expect: 1, run: () => importFile('deep.json', `{"name":"d","nodes":${deepArray(100_000)}}`), check: (r) => expect(r.text).toContain('deeper') },
  {
    name: 'cli: workflow with a cycle',
    expect: 1,
    run: () =>
      importFile(
        'cycle.json',
        JSON.stringify({
          name: 'c',
          nodes: [hookNode(), node('a', 'code', { code: 'return 1' }), node('b', 'code', { code: 'return 1' })],
          edges: [edge('hook', 'a'), edge('a', 'b'), edge('b', 'a')],
        }),
      ),
  },
  { name: 'cli: workflow with __proto__ keys', expect: 0, run: () => importFile('proto.json', JSON.stringify(goodWorkflow()).replace('{"name"', '{"__proto__":{"polluted":1},"name"')) },
];

describe('bad inputs against trigger URLs, the API and the CLI', () => {
  it('has at least 40 cases', () => {
    expect(cases().length).toBeGreaterThanOrEqual(40);
  });

  it('answers each with its expected status and the error shape', async () => {
    const failures: string[] = [];
    for (const c of cases()) {
      const r = await c.run();
      if (r.status !== c.expect) failures.push(`${c.name}: expected ${c.expect}, got ${r.status} ${r.text.slice(0, 200)}`);
      else if (r.status >= 400 && r.status !== 0 && !c.name.startsWith('cli:')) {
        try {
          const body = JSON.parse(r.text) as { error?: { code?: unknown; message?: unknown } };
          if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string') failures.push(`${c.name}: no {error:{code,message}} in ${r.text.slice(0, 200)}`);
        } catch {
          failures.push(`${c.name}: the error is not JSON: ${r.text.slice(0, 200)}`);
        }
      }
      if (r.status === c.expect && c.check) {
        try {
          c.check(r);
        } catch (err) {
          failures.push(`${c.name}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it('afterwards: the server answers, nothing is half-written, no prototype changed, user keys stayed data', async () => {
    expect((await send(base, { method: 'GET', path: '/healthz' })).status).toBe(200);
    const ok = await send(base, { path: hook, headers: json, body: '{"after":true}' });
    expect(ok.status).toBe(202);
    // Every run the table started finishes (none is stuck on a hostile body).
    const busy = () => storedCount(t, 'jobs', "status IN ('queued', 'running', 'retry_wait')");
    for (let i = 0; i < 200 && (await busy()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await busy()).toBe(0);
    expect(await storedCount(t, 'events e', 'NOT EXISTS (SELECT 1 FROM runs r WHERE r.event_id = e.id)')).toBe(0);
    expect(await storedCount(t, 'runs r', "r.status IN ('queued', 'running', 'waiting') AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.run_id = r.id)")).toBe(0);
    expect(await storedCount(t, 'runs', "status NOT IN ('succeeded', 'failed', 'cancelled')")).toBe(0);
    expect(await storedCount(t, 'runs', "status = 'failed'")).toBe(0);
    expect(prototypeSnapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);

    // The hostile keys arrived as plain data: stored and recorded as keys, never as prototypes.
    const events = (await storedRows(t, 'SELECT query, body FROM events')) as Array<{ query: string; body: Buffer }>;
    expect(events.some((e) => e.query.includes('"__proto__":["x","y"]'))).toBe(true);
    const protoEvent = events.find((e) => e.body.toString().startsWith('{"__proto__"'));
    const [run] = (await storedRows(t, 'SELECT r.id FROM runs r JOIN events e ON e.id = r.event_id WHERE e.body = ?', [protoEvent?.body])) as Array<{ id: string }>;
    // The recorded step input (the trigger data) went through secret redaction, which rebuilds every object.
    const [recorded] = await storedRows(t, "SELECT input FROM steps WHERE run_id = ? AND node_id = 'check'", [run?.id]);
    expect(Object.keys(JSON.parse(storedText(recorded?.input)).body)).toEqual(['__proto__', 'constructor', 'prototype']);
    const detail = await api({ method: 'GET', path: `/api/runs/${run?.id}` });
    expect(JSON.parse(detail.text).status).toBe('succeeded');

    // Refusals were recorded (reasons only, never bodies) and counted.
    const inbox = JSON.parse((await api({ method: 'GET', path: `/api/workflows/${workflowId}/rejections?limit=200` })).text);
    const reasons = new Set(inbox.items.map((i: { reason: string }) => i.reason));
    for (const reason of ['body_too_large', 'malformed_body', 'method_not_allowed', 'idempotency_key_too_long']) expect(reasons).toContain(reason);
    expect(JSON.stringify(inbox)).not.toContain('xxxxxxxx');
  }, 60_000);
});
