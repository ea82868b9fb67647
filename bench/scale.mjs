// `node --no-node-snapshot bench/scale.mjs`: does Switchyard scale out on PostgreSQL?
//   (a) 1, 2 and 4 worker processes (8 slots each) behind one web process drain the same queue
//       of webhook -> http runs into a receiver that answers after 100 ms. Perfect scaling is
//       80 deliveries/s per worker; the speed-up against one worker is the figure to read.
//       The queue is filled first (web process only), then the workers start together, so
//       ingest and claiming do not compete for the same CPU while the drain rate is measured.
//   (b) pgbench's ceiling for small durable transactions on the same server, in the same run.
//   (c) CPU-bound webhook -> code -> http in one process: PostgreSQL mode against SQLite mode,
//       in turns, as a ratio.
// It prints, per phase, the CPU each part used per delivered event and as a share of the wall
// time, so that what saturates first can be read off. Options: --quick, --workers=1,2,4, and
// --only=cpu (phase (c) alone, to compare builds in turns: SWITCHYARD_BENCH_BIN picks the build).
import { loadavg } from 'node:os';
import { createActiveWorkflow, hookToCodeToHttp, hookToHttp } from './lib/api.mjs';
import { measureDeliveries } from './lib/deliveries.mjs';
import { closedLoop } from './lib/load.mjs';
import { freshDatabase, pgbenchCeiling } from './lib/postgres.mjs';
import { cpuMs } from './lib/proc-stats.mjs';
import { startReceiver } from './lib/receiver.mjs';
import { createKey, deploymentEnv, startRole } from './lib/role-process.mjs';
import { startSwitchyard } from './lib/server.mjs';
import { nowMs, ratio, round, sleep, steadyRate } from './lib/stats.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice(7);
const workerCounts = (args.find((a) => a.startsWith('--workers='))?.slice(10) ?? '1,2,4').split(',').map(Number);
const slots = 8;
const receiverDelayMs = 100;
const log = (s) => console.log(s);

/** CPU ms of the PostgreSQL backends serving `database` (connections opened later start at 0). */
async function backendCpu(sql, database, before = new Map()) {
  const rows = await sql(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [database]);
  let total = 0;
  const now = new Map();
  for (const { pid } of rows) {
    const ms = cpuMs(pid) ?? 0;
    now.set(pid, ms);
    total += ms - (before.get(pid) ?? 0);
  }
  return { total, now };
}

/** Fills the queue through one web process, then starts `workers` worker processes and times the drain. */
async function drainWith(workers, receiver) {
  const db = await freshDatabase();
  // The queue is filled on purpose before the workers start: ingest pacing (issue 16) would slow that down.
  const deployment = deploymentEnv(db.url, { WORKER_CONCURRENCY: String(slots), WORKFLOW_CONCURRENCY: '1000', INGEST_PACE_BACKLOG: 'off' });
  const started = [];
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: db.url });
  try {
    const key = await createKey(deployment.env);
    const web = await startRole(deployment.env, 'web,scheduler');
    started.push(web);
    await client.connect();
    const sql = async (text, params) => (await client.query(text, params)).rows;
    const wf = await createActiveWorkflow({ base: web.base, key }, hookToHttp(receiver.deliverUrl));
    const hook = `${web.base}${new URL(wf.hookUrl).pathname}`;
    await receiver.reset(0, receiverDelayMs);
    const total = workers * slots * 10 * (quick ? 4 : 8);
    const load = await closedLoop({ url: hook, connections: 20, maxRequests: total, durationMs: 180_000 });
    if (load.acked !== total) throw new Error(`only ${load.acked} of ${total} events were acknowledged: ${JSON.stringify(load.statuses)}`);
    const workerProcs = await Promise.all(Array.from({ length: workers }, () => startRole(deployment.env, 'worker')));
    started.push(...workerProcs);
    const cpu0 = { web: web.cpuMs(), workers: workerProcs.map((w) => w.cpuMs()), pg: await backendCpu(sql, db.name) };
    const t0 = nowMs();
    let stats = await receiver.stats();
    while (stats.distinct < load.acked && nowMs() - t0 < 180_000) {
      await sleep(50);
      stats = await receiver.stats();
    }
    const wall = nowMs() - t0;
    const pgCpu = (await backendCpu(sql, db.name, cpu0.pg.now)).total;
    const workerCpu = workerProcs.reduce((sum, w, i) => sum + (w.cpuMs() - cpu0.workers[i]), 0);
    const webCpu = web.cpuMs() - cpu0.web;
    const delivered = stats.distinct;
    return {
      workers,
      events: total,
      delivered,
      duplicates: stats.duplicates,
      ingestPerSecond: load.perSecond,
      deliveriesPerSecond: steadyRate(await receiver.times()),
      ideal: Math.round((workers * slots * 1000) / receiverDelayMs),
      cpuMsPerEvent: { workers: round(workerCpu / delivered, 3), web: round(webCpu / delivered, 3), postgres: round(pgCpu / delivered, 3) },
      cpuShareOfWall: { workers: round(workerCpu / wall, 2), web: round(webCpu / wall, 2), postgres: round(pgCpu / wall, 2) },
    };
  } finally {
    await Promise.all(started.map((p) => p.stop()));
    await client.end().catch(() => {});
    deployment.cleanup();
    await db.drop();
  }
}

/** webhook -> code -> http in one process on PostgreSQL and on SQLite, in turns (with the PostgreSQL backends' CPU). */
async function cpuBound(receiver) {
  const total = quick ? 600 : 1500;
  const rounds = quick ? 1 : 2;
  const db = await freshDatabase();
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const sql = async (text, params) => (await client.query(text, params)).rows;
  const out = { postgres: [], sqlite: [] };
  try {
    for (let i = 0; i < rounds; i++) {
      for (const mode of ['sqlite', 'postgres']) {
        const env = mode === 'postgres' ? { DATABASE_URL: db.url, SWITCHYARD_SECRET_KEY: '42'.repeat(32) } : {};
        const server = await startSwitchyard(env);
        try {
          const wf = await createActiveWorkflow(server, hookToCodeToHttp(receiver.deliverUrl));
          const url = `${server.base}${new URL(wf.hookUrl).pathname}`;
          await measureDeliveries({ url, receiver, total: 200, cpuMs: server.treeCpuMs });
          const pg0 = await backendCpu(sql, db.name);
          const r = await measureDeliveries({ url, receiver, total, cpuMs: server.treeCpuMs });
          // The bench's own client is one of the backends; it is idle while the server runs.
          const pgMs = mode === 'postgres' ? (await backendCpu(sql, db.name, pg0.now)).total : 0;
          out[mode].push({ ...r, pgCpuMsPerEvent: r.delivered ? round(pgMs / r.delivered, 3) : null });
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    await client.end().catch(() => {});
    await db.drop();
  }
  const rate = (rs) => Math.round(rs.reduce((n, r) => n + r.delivered, 0) / rs.reduce((n, r) => n + r.seconds, 0));
  const cpu = (rs, k = 'cpuMsPerEvent') => round(rs.reduce((n, r) => n + (r[k] ?? 0), 0) / rs.length, 3);
  const sum = (rs) => ({
    deliveriesPerSecond: rate(rs),
    cpuMsPerEvent: cpu(rs),
    pgCpuMsPerEvent: cpu(rs, 'pgCpuMsPerEvent'),
    byRound: rs.map((r) => `${r.deliveriesPerSecond}/s ${r.cpuMsPerEvent} ms`).join(', '),
    missing: rs.reduce((n, r) => n + r.missing, 0),
  });
  return { sqlite: sum(out.sqlite), postgres: sum(out.postgres) };
}

function logCpuBound(cpu) {
  log(
    `CPU-bound webhook -> code -> http, one process: SQLite ${cpu.sqlite.deliveriesPerSecond}/s (${cpu.sqlite.cpuMsPerEvent} ms CPU/event), PostgreSQL ${cpu.postgres.deliveriesPerSecond}/s (${cpu.postgres.cpuMsPerEvent} ms CPU/event, server only; backends ${cpu.postgres.pgCpuMsPerEvent} ms); PostgreSQL/SQLite ${ratio(cpu.postgres.deliveriesPerSecond, cpu.sqlite.deliveriesPerSecond)}; missing ${cpu.sqlite.missing + cpu.postgres.missing}`,
  );
  log(`  by round: SQLite ${cpu.sqlite.byRound}; PostgreSQL ${cpu.postgres.byRound}`);
  log(`load average at the end: ${loadavg()[0].toFixed(1)}`);
}

async function main() {
  log(`scale bench: workers ${workerCounts.join(', ')} x ${slots} slots, receiver answering after ${receiverDelayMs} ms; load average ${loadavg()[0].toFixed(1)}`);
  const receiver = await startReceiver();
  try {
    if (only === 'cpu') return logCpuBound(await cpuBound(receiver));
    if (only !== undefined) throw new Error(`--only takes cpu, not ${only}`);
    const ceiling = await pgbenchCeiling({ seconds: quick ? 3 : 5 });
    log(`pgbench ceiling (simple-update, 8 clients): ${ceiling.tps ?? '-'} transactions/s${ceiling.error ? ` (${ceiling.error})` : ''}`);
    const drains = [];
    for (const n of workerCounts) {
      const r = await drainWith(n, receiver);
      drains.push(r);
      const speedUp = ratio(r.deliveriesPerSecond, drains[0].deliveriesPerSecond);
      log(
        `${n} worker(s): ${r.deliveriesPerSecond} deliveries/s (ideal ${r.ideal}), speed-up ${speedUp}x; ${r.delivered}/${r.events} delivered, ${r.duplicates} duplicates; ` +
          `CPU ms per event: workers ${r.cpuMsPerEvent.workers}, web ${r.cpuMsPerEvent.web}, postgres ${r.cpuMsPerEvent.postgres}; ` +
          `cores busy: workers ${r.cpuShareOfWall.workers}, postgres ${r.cpuShareOfWall.postgres} (ingest before the drain: ${r.ingestPerSecond}/s)`,
      );
    }
    logCpuBound(await cpuBound(receiver));
  } finally {
    await receiver.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
