// `node --no-node-snapshot bench/pg-statements.mjs [--events=800] [--code] [--workers=1] [--delay=0]
// [--cpu-prof=DIR]`: what one event costs on the PostgreSQL path, statement by statement. A web
// process fills the queue with webhook -> http runs (`--code`: webhook -> code -> http), then
// worker processes (8 slots each) drain it into a receiver that answers at once (`--delay`: after
// that many ms, as bench/scale.mjs's does; `--cpu-prof`: each worker writes a V8 CPU profile there). Prints the CPU ms per event of the workers and of
// the PostgreSQL backends, and, when the server has pg_stat_statements loaded
// (shared_preload_libraries; point SWITCHYARD_BENCH_PG_URL at such a server), the statements the
// drain ran: calls and server time per event, most frequent first.
import { createActiveWorkflow, hookToCodeToHttp, hookToHttp } from './lib/api.mjs';
import { closedLoop } from './lib/load.mjs';
import { adminUrl, freshDatabase } from './lib/postgres.mjs';
import { cpuMs, cpuSplitMs } from './lib/proc-stats.mjs';
import { startReceiver } from './lib/receiver.mjs';
import { createKey, deploymentEnv, startRole } from './lib/role-process.mjs';
import { nowMs, round, sleep } from './lib/stats.mjs';
import pg from 'pg';

const args = process.argv.slice(2);
const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const events = Number(option('events', 800));
const workers = Number(option('workers', 1));
const withCode = args.includes('--code');
const delayMs = Number(option('delay', 0));
const profileDir = option('cpu-prof', '');

/** CPU ms of the backends connected to `database`, by pid. */
async function backendCpu(sql, database) {
  const rows = await sql(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [database]);
  return new Map(rows.map(({ pid }) => [pid, cpuMs(pid) ?? 0]));
}
const spent = (before, after) => [...after].reduce((n, [pid, ms]) => n + ms - (before.get(pid) ?? 0), 0);

async function main() {
  const receiver = await startReceiver();
  const db = await freshDatabase();
  const deployment = deploymentEnv(db.url, { WORKER_CONCURRENCY: '8', WORKFLOW_CONCURRENCY: '1000', INGEST_PACE_BACKLOG: 'off' });
  const admin = new pg.Client({ connectionString: adminUrl });
  const started = [];
  try {
    await admin.connect();
    const sql = async (text, params) => (await admin.query(text, params)).rows;
    const key = await createKey(deployment.env);
    const web = await startRole(deployment.env, 'web,scheduler');
    started.push(web);
    const wf = await createActiveWorkflow({ base: web.base, key }, withCode ? hookToCodeToHttp(receiver.deliverUrl) : hookToHttp(receiver.deliverUrl));
    await receiver.reset(0, 0);
    const load = await closedLoop({ url: `${web.base}${new URL(wf.hookUrl).pathname}`, connections: 20, maxRequests: events, durationMs: 120_000 });
    const statements = await sql(`SELECT count(*) > 0 AS present FROM pg_extension WHERE extname = 'pg_stat_statements'`)
      .then(async ([r]) => r.present && (await sql('SELECT pg_stat_statements_reset()'), true))
      .catch(() => false);
    await receiver.reset(0, delayMs);
    const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    const procs = await Promise.all(Array.from({ length: workers }, () => startRole(deployment.env, 'worker', {}, profile)));
    started.push(...procs);
    const cpu0 = { workers: procs.map((p) => p.cpuMs()), split: procs.map((p) => cpuSplitMs(p.pid)), pg: await backendCpu(sql, db.name) };
    const t0 = nowMs();
    let stats = await receiver.stats();
    while (stats.distinct < load.acked && nowMs() - t0 < 120_000) {
      await sleep(50);
      stats = await receiver.stats();
    }
    const wall = nowMs() - t0;
    const workerMs = procs.reduce((n, p, i) => n + p.cpuMs() - cpu0.workers[i], 0);
    const systemMs = procs.reduce((n, p, i) => n + (cpuSplitMs(p.pid)?.system ?? 0) - (cpu0.split[i]?.system ?? 0), 0);
    const pgMs = spent(cpu0.pg, await backendCpu(sql, db.name));
    const n = stats.distinct;
    console.log(
      `${withCode ? 'webhook -> code -> http' : 'webhook -> http'}, ${workers} worker(s), receiver delay ${delayMs} ms: ${n}/${load.acked} delivered in ${round(wall / 1000, 1)} s; ` +
        `CPU ms per event: workers ${round(workerMs / n, 3)} (kernel ${round(systemMs / n, 3)}), postgres ${round(pgMs / n, 3)}`,
    );
    if (!statements) return console.log('(no pg_stat_statements on this server: no statement counts)');
    const rows = await sql(`SELECT calls, total_exec_time AS ms, query FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1 ORDER BY calls DESC LIMIT 40`, [db.name]);
    const total = rows.reduce((a, r) => a + Number(r.calls), 0);
    console.log(`statements per event: ${round(total / n, 2)}`);
    for (const r of rows)
      console.log(
        `${round(Number(r.calls) / n, 2)
          .toString()
          .padStart(6)}  ${round(r.ms / n, 3)
          .toString()
          .padStart(7)} ms  ${r.query.replace(/\s+/g, ' ').slice(0, 150)}`,
      );
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    await Promise.all(started.map((p) => p.stop()));
    await admin.end().catch(() => {});
    deployment.cleanup();
    await db.drop();
    await receiver.close?.();
    process.exit();
  }
}

await main();
