// `node --no-node-snapshot bench/run-phases.mjs [seconds=8] [NAME=value ...]`: the load of
// `../shared/bench/vs-reference.mjs` (wrk, 50 connections, webhook -> code -> http into its
// counting sink), then where a run's time went, read back from the server's database: how long
// runs waited to start, and the parts of a run from its claim to its end (p50 / p90, ms). A run
// holds one of the workflow's slots all that time, so slots / run time caps the deliveries of
// one busy workflow (docs/performance.md, "Run slots"). NAME=value pairs go to the server's
// environment (WORKFLOW_CONCURRENCY=64, ...). Needs wrk and ../shared/bench beside the project.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createActiveWorkflow, orderToMessage } from './lib/api.mjs';
import { referenceLoad, startReferenceSink } from './lib/reference-sink.mjs';
import { startSwitchyard } from './lib/server.mjs';
import { sleep } from './lib/stats.mjs';

const seconds = Number(process.argv[2] ?? 8);
const env = Object.fromEntries(process.argv.slice(3).map((a) => a.split('=', 2)));
const sink = await startReferenceSink();
const server = await startSwitchyard({ TRIGGER_RATE_LIMIT: null, ...env });

// The parts of a run, from the run's and its steps' own timestamps (ms). The run's end is the
// time it was decided, before its commit; the claim's wait for its commit comes before `started_at`.
const PHASES = [
  ['waited to start (created to claimed)', `r.started_at - r.created_at`],
  ['claim to code step', `c.started_at - r.started_at`],
  ['code step', `c.finished_at - c.started_at`],
  ['code end to http start (the commit before a side effect)', `h.started_at - c.finished_at`],
  ['http step', `h.finished_at - h.started_at`],
  ['claim to end', `r.finished_at - r.started_at`],
];

try {
  const { hookUrl } = await createActiveWorkflow(server, orderToMessage(sink.url));
  await referenceLoad(hookUrl, 3); // warm-up, as vs-reference
  await sleep(3000);
  const loadStart = Date.now();
  const { stdout } = await referenceLoad(hookUrl, seconds);
  const line = stdout.split('\n').find((l) => l.startsWith('WRKJSON'));
  const w = line ? JSON.parse(line.slice(8)) : undefined;
  for (let last = -1, now = await sink.count(); now !== last; last = now, now = await sink.count()) await sleep(1000);
  if (w) console.log(`wrk: ${w.requests} requests in ${seconds} s, ${w.err_status} answered other than 2xx, p99 ${(w.lat_p99_us / 1000).toFixed(1)} ms`);
  const db = new Database(join(server.dataDir, 'switchyard.db'), { readonly: true });
  // Runs created after the load's first two seconds: past the ramp, as vs-reference's "during load".
  const runs = `FROM runs r JOIN steps c ON c.run_id = r.id AND c.node_id = 'c' JOIN steps h ON h.run_id = r.id AND h.node_id = 'out'
    WHERE r.created_at >= ${loadStart + 2000} AND r.status = 'succeeded'`;
  const count = db.prepare(`SELECT count(*) AS n ${runs}`).get().n;
  console.log(`${count} runs created after the load's first 2 s; p50 / p90 in ms:`);
  for (const [label, expr] of PHASES) {
    const values = db
      .prepare(`SELECT ${expr} AS v ${runs} ORDER BY v`)
      .all()
      .map((r) => r.v);
    const at = (q) => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? '-';
    console.log(`  ${label.padEnd(58)} ${String(at(0.5)).padStart(5)} / ${String(at(0.9)).padStart(5)}`);
  }
  db.close();
} finally {
  await server.stop();
  process.exit(0);
}
