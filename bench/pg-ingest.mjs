// Ingest on PostgreSQL, A/B in one run: a web-only process (nothing executes, so its CPU is
// ingest's) with the group commit of run starts on (PG_START_BATCH=500) and off (0, a transaction
// per event), in alternating rounds against one fresh database on the shared PostgreSQL. Each
// round sends a fixed number of events with a fixed number in flight (a bounded loop over
// 127.0.0.1) and prints events/s acknowledged (202) and the web process's CPU ms per event.
//   node bench/pg-ingest.mjs [--events=2000] [--inflight=32] [--rounds=2]
// Needs `npm run build:server` and PostgreSQL on 127.0.0.1:5432 (SWITCHYARD_TEST_PG_URL).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const arg = (name, d) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
const EVENTS = arg('events', 2000);
const INFLIGHT = arg('inflight', 32);
const ROUNDS = arg('rounds', 2);
const bin = new URL('../bin/switchyard.mjs', import.meta.url).pathname;
const adminUrl = process.env.SWITCHYARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TICK = 100 / 1000; // clock ticks per ms (USER_HZ 100)

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const cpuMs = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / TICK;
};

async function admin(sql) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(sql);
  await c.end();
}

const name = `sy_bench_${randomBytes(4).toString('hex')}`;
await admin(`CREATE DATABASE ${name}`);
const u = new URL(adminUrl);
u.pathname = `/${name}`;
const dir = mkdtempSync(join(tmpdir(), 'sy-bench-'));
const env = {
  ...process.env,
  DATABASE_URL: u.toString(),
  SWITCHYARD_SECRET_KEY: '42'.repeat(32),
  DATA_DIR: dir,
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  LOG_FORMAT: 'json',
  INGEST_MAX_BACKLOG: 'off',
  INGEST_MAX_BACKLOG_MB: 'off',
  INGEST_PACE_BACKLOG: 'off',
};

async function web(batch) {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'start', '--role', 'web'], { env: { ...env, PORT: String(port), PG_START_BATCH: String(batch) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // A graceful stop waits for kept-alive sockets; after 10 s the process is killed.
  const stop = () =>
    new Promise((r) => {
      if (child.exitCode !== null) return r();
      child.once('exit', r);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  return { base, child, stop };
}

// One workflow (active, a webhook alone) made through the API of a first process.
const key = execFileSync(process.execPath, [bin, 'api-key', 'create', '--name', 'bench'], { env }).toString().trim().split('\n').pop();
const first = await web(500);
const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
const def = { name: 'bench', nodes: [{ id: 'hook', type: 'webhook', position: { x: 0, y: 0 }, config: {} }], edges: [] };
const created = await (await fetch(`${first.base}/api/workflows`, { method: 'POST', headers: auth, body: JSON.stringify(def) })).json();
await fetch(`${first.base}/api/workflows/${created.id}/activate`, { method: 'POST', headers: auth });
const path = new URL(created.hooks[0].url).pathname;
await first.stop();

// Transactions that stored the round's events: their distinct `xmin` (exact, unlike the statistics views).
async function transactionsSince(t0) {
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  const r = await c.query('SELECT count(DISTINCT xmin::text)::int AS n FROM events WHERE received_at >= $1', [t0]);
  await c.end();
  return r.rows[0].n;
}

async function round(batch) {
  const p = await web(batch);
  const hook = `${p.base}${path}`;
  // Warm-up: the trigger cache and the pool's connections.
  await Promise.all(Array.from({ length: 50 }, (_, n) => fetch(hook, { method: 'POST', body: `{"w":${n}}`, headers: { 'content-type': 'application/json' } }).then((r) => r.arrayBuffer())));
  let next = 0;
  let ok = 0;
  const since = Date.now();
  const cpu0 = cpuMs(p.child.pid);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: INFLIGHT }, async () => {
      while (next < EVENTS) {
        const n = next++;
        const r = await fetch(hook, { method: 'POST', body: `{"n":${n}}`, headers: { 'content-type': 'application/json' } });
        await r.arrayBuffer();
        if (r.status === 202) ok++;
      }
    }),
  );
  const ms = performance.now() - t0;
  const cpu = cpuMs(p.child.pid) - cpu0;
  const x = await transactionsSince(since);
  await p.stop();
  return { batch, eventsPerS: Math.round((ok / ms) * 1000), cpuMsPerEvent: +(cpu / ok).toFixed(3), transactionsPerEvent: +(x / ok).toFixed(3), acknowledged: ok };
}

const results = [];
for (let i = 0; i < ROUNDS; i++) for (const batch of i % 2 ? [0, 500] : [500, 0]) results.push(await round(batch));
console.table(results);
for (const b of [0, 500]) {
  const rs = results.filter((r) => r.batch === b);
  const avg = (k) => rs.reduce((s, r) => s + r[k], 0) / rs.length;
  console.log(
    `PG_START_BATCH=${b}: ${Math.round(avg('eventsPerS'))} events/s acknowledged, ${avg('cpuMsPerEvent').toFixed(3)} CPU ms per event (web process), ${avg('transactionsPerEvent').toFixed(3)} transactions per event`,
  );
}
await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
rmSync(dir, { recursive: true, force: true });
