import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startReceiver } from '../../support/receiver.js';
import { freshPostgresDatabase } from '../../support/postgres.js';
import { cli, freePort, startServerProcess } from '../../support/server-process.js';
import { tempDir } from '../../support/temp-dir.js';
import { until } from '../../support/cluster.js';
import { edge, node } from '../../support/workflows.js';

// A real SQLite installation (its own generated key file) with a workflow that ran, a credential,
// a variable, a user and an API key, moved with `switchyard migrate-to-postgres` into a fresh
// database; the server then starts on PostgreSQL and everything still works.
const bin = fileURLToPath(new URL('../../../bin/switchyard.mjs', import.meta.url));
const runCli = promisify(execFile);
/** The CLI's exit and output, also when it fails. */
async function tryCli(args: string[], env: Record<string, string>): Promise<{ ok: boolean; out: string }> {
  try {
    const r = await runCli(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    return { ok: true, out: r.stdout };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const OWNER = { email: 'owner@example.test', name: 'Owner', password: 'correct horse battery staple' };
const API_SECRET = 'hdr-secret-5Kq9';
const dir = tempDir('switchyard-migrate-');
const rcv = await startReceiver();
let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let key: string;
const before: { workflowId?: string; hookPath?: string; runId?: string } = {};
const sqliteEnv = { DATA_DIR: dir.path, EGRESS_ALLOW: '127.0.0.1/32', HOST: '127.0.0.1', SWITCHYARD_SECRET_KEY: '', DATABASE_URL: '' };

beforeAll(async () => {
  database = await freshPostgresDatabase();
  const server = await startServerProcess({ ...sqliteEnv, PORT: String(await freePort()) });
  try {
    key = (await cli(['api-key', 'create', '--name', 'migrate'], sqliteEnv)).trim().split('\n').pop() as string;
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${server.base}${path}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
      const json = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
      return json;
    };
    expect((await fetch(`${server.base}/api/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) })).status).toBe(201);
    const cred = await post('/api/credentials', { name: 'receiver key', type: 'http-header', data: { name: 'X-Api-Key', value: API_SECRET } });
    await post('/api/variables', { name: 'REGION', value: 'eu-west' });
    const wf = await post('/api/workflows', {
      name: 'moves to postgres',
      nodes: [
        node('hook', 'webhook'),
        node('out', 'http', { method: 'POST', url: `${rcv.url}/in`, body: { region: '{{ vars.REGION }}', n: '{{ trigger.body.n }}' }, auth: { credentialId: cred.id } }, 250),
      ],
      edges: [edge('hook', 'out')],
    });
    const activated = (await post(`/api/workflows/${wf.id as string}/activate`, {})) as { hooks: Array<{ url: string }> };
    before.workflowId = wf.id as string;
    before.hookPath = new URL(activated.hooks[0]?.url as string).pathname;
    const ack = (await (await fetch(`${server.base}${before.hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":1}' })).json()) as { runId: string };
    before.runId = ack.runId;
    expect(await until(async () => ((await (await fetch(`${server.base}/api/runs/${ack.runId}`, { headers: auth })).json()) as { status: string }).status === 'succeeded', 30_000)).toBe(true);
    expect(rcv.got[0]?.headers['x-api-key']).toBe(API_SECRET);
  } finally {
    await server.stop();
  }
}, 90_000);

afterAll(async () => {
  await rcv.close();
  await database?.drop();
  dir.cleanup();
});

describe('switchyard migrate-to-postgres', () => {
  it('refuses without the key PostgreSQL mode would need, naming the key file', async () => {
    const r = await tryCli(['migrate-to-postgres', '--to', database.url], sqliteEnv);
    expect(r.ok).toBe(false);
    expect(r.out).toContain('SWITCHYARD_SECRET_KEY is not set');
    expect(r.out).toContain(join(dir.path, 'secret.key'));
    const wrong = await tryCli(['migrate-to-postgres', '--to', database.url], { ...sqliteEnv, SWITCHYARD_SECRET_KEY: '11'.repeat(32) });
    expect(wrong.ok).toBe(false);
    expect(wrong.out).toContain('encrypted with another key');
    expect(wrong.out).toContain('credentials: 1');
  }, 60_000);

  it('copies everything, then the server on PostgreSQL serves the same trigger URL, credential, run and user', async () => {
    const secretKey = readFileSync(join(dir.path, 'secret.key'), 'utf8').trim();
    const moved = await tryCli(['migrate-to-postgres', '--to', database.url], { ...sqliteEnv, SWITCHYARD_SECRET_KEY: secretKey });
    expect(moved.out).toMatch(/every count in PostgreSQL equals SQLite's/);
    expect(moved.ok).toBe(true);
    expect(moved.out).toMatch(/runs\s+1\n/);
    expect(moved.out).toMatch(/credentials\s+1\n/);

    // A second run finds the target full and copies nothing.
    const again = await tryCli(['migrate-to-postgres', '--to', database.url], { ...sqliteEnv, SWITCHYARD_SECRET_KEY: secretKey });
    expect(again.ok).toBe(false);
    expect(again.out).toContain('not empty');

    const pgDir = tempDir('switchyard-migrated-');
    const server = await startServerProcess({
      DATA_DIR: pgDir.path,
      DATABASE_URL: database.url,
      SWITCHYARD_SECRET_KEY: secretKey,
      EGRESS_ALLOW: '127.0.0.1/32',
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
    });
    try {
      const auth = { authorization: `Bearer ${key}` };
      const old = await fetch(`${server.base}/api/runs/${before.runId as string}`, { headers: auth });
      expect(old.status).toBe(200);
      expect(((await old.json()) as { status: string }).status).toBe('succeeded');

      const ack = await fetch(`${server.base}${before.hookPath as string}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":2}' });
      expect(ack.status).toBe(202);
      const { runId } = (await ack.json()) as { runId: string };
      expect(await until(async () => ((await (await fetch(`${server.base}/api/runs/${runId}`, { headers: auth })).json()) as { status: string }).status === 'succeeded', 30_000)).toBe(true);
      const second = rcv.got[1];
      expect(second?.headers['x-api-key']).toBe(API_SECRET);
      expect(JSON.parse(second?.body ?? '{}')).toEqual({ region: 'eu-west', n: 2 });

      const login = await fetch(`${server.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: OWNER.email, password: OWNER.password }),
      });
      expect(login.status).toBe(200);

      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const versions = await client.query('SELECT version FROM workflow_versions WHERE workflow_id = $1', [before.workflowId]);
      await client.end();
      expect(versions.rowCount).toBeGreaterThan(0);
    } finally {
      await server.stop();
      pgDir.cleanup();
    }
  }, 120_000);

  it('--without-history leaves the finished run and its event behind and keeps everything else', async () => {
    const target = await freshPostgresDatabase();
    try {
      const secretKey = readFileSync(join(dir.path, 'secret.key'), 'utf8').trim();
      const moved = await tryCli(['migrate-to-postgres', '--without-history'], { ...sqliteEnv, SWITCHYARD_SECRET_KEY: secretKey, DATABASE_URL: target.url });
      expect(moved.ok, moved.out).toBe(true);
      expect(moved.out).toContain('finished runs left out');
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      const count = async (table: string) => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
      const counts = {
        runs: await count('runs'),
        events: await count('events'),
        steps: await count('steps'),
        workflows: await count('workflows'),
        credentials: await count('credentials'),
        users: await count('users'),
        apiKeys: await count('api_keys'),
      };
      await client.end();
      expect(counts).toEqual({ runs: 0, events: 0, steps: 0, workflows: 1, credentials: 1, users: 1, apiKeys: 1 });
    } finally {
      await target.drop();
    }
  }, 60_000);
});
