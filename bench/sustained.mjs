// `node --no-node-snapshot bench/sustained.mjs [seconds=15] [NAME=value ...]`: the load of
// `../shared/bench/vs-reference.mjs` (wrk, 50 connections, its fixed order body, webhook -> code ->
// http into its counting sink), second by second: deliveries, the server's CPU and RSS, the
// database's size, then wrk's totals (non-2xx answers included). It shows what a single total
// hides: a rate that falls after a few seconds (a rate limit's burst spent, a growing database,
// a backlog that paces ingest). The server keeps its default configuration, as vs-reference
// runs it; NAME=value pairs go to its environment (TRIGGER_RATE_LIMIT=off, ...). Needs wrk
// (apt-get install wrk) and ../shared/bench (sink.js, post.lua) beside the project.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createActiveWorkflow, orderToMessage } from './lib/api.mjs';
import { referenceLoad, startReferenceSink } from './lib/reference-sink.mjs';
import { cpuMs, mainThreadCpuMs, rssMb } from './lib/proc-stats.mjs';
import { startSwitchyard } from './lib/server.mjs';
import { sleep } from './lib/stats.mjs';

const seconds = Number(process.argv[2] ?? 15);
const env = Object.fromEntries(process.argv.slice(3).map((a) => a.split('=', 2)));
const sink = await startReferenceSink();
// The server's defaults, as vs-reference starts it (the bench's own servers run without a trigger limit).
// SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") go to the server's node.
const server = await startSwitchyard({ TRIGGER_RATE_LIMIT: null, ...env }, (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean));
const megabytes = () =>
  readdirSync(server.dataDir)
    .filter((f) => f.endsWith('.db') || f.endsWith('.db-wal'))
    .reduce((mb, f) => mb + statSync(join(server.dataDir, f)).size / 1_048_576, 0);
try {
  const { hookUrl } = await createActiveWorkflow(server, orderToMessage(sink.url));
  const wrk = referenceLoad(hookUrl, seconds);
  let finished = false;
  wrk.finally(() => (finished = true)).catch(() => {});
  let delivered = 0;
  let cpu = cpuMs(server.pid) ?? 0;
  let mainCpu = mainThreadCpuMs(server.pid) ?? 0;
  const start = { cpu, mainCpu };
  let quiet = 0;
  for (let t = 1; quiet < 3 && t < seconds + 120; t++) {
    await sleep(1000);
    const now = await sink.count();
    const cpuNow = cpuMs(server.pid) ?? 0;
    const mainNow = mainThreadCpuMs(server.pid) ?? 0;
    const percent = (ms) => String(Math.round(ms / 10)).padStart(3);
    console.log(
      `${String(t).padStart(3)} s: ${String(now - delivered).padStart(5)} delivered/s, server CPU ${percent(cpuNow - cpu)} % (main thread ${percent(mainNow - mainCpu)} %), ` +
        `RSS ${Math.round(rssMb(server.pid) ?? 0)} MB, database ${megabytes().toFixed(1)} MB${finished ? '' : ' (load on)'}`,
    );
    quiet = finished && now === delivered ? quiet + 1 : 0;
    delivered = now;
    cpu = cpuNow;
    mainCpu = mainNow;
  }
  const line = (await wrk).stdout.split('\n').find((l) => l.startsWith('WRKJSON'));
  const w = line ? JSON.parse(line.slice(8)) : null;
  if (w) console.log(`wrk: ${w.requests} requests, ${w.err_status} answered other than 2xx, p99 ${(w.lat_p99_us / 1000).toFixed(1)} ms; ${delivered} delivered`);
  const perEvent = (ms) => (delivered ? Math.round((ms * 1000) / delivered) : 0);
  console.log(`CPU per delivered event: server ${perEvent(cpu - start.cpu)} us, its main thread ${perEvent(mainCpu - start.mainCpu)} us`);
} finally {
  // A profile (--cpu-prof) is written only at a graceful exit.
  if (process.env.SERVER_NODE_ARGS) {
    process.kill(server.pid, 'SIGTERM');
    for (let i = 0; i < 100 && server.exit() === null; i++) await sleep(100);
  }
  await server.stop();
  process.exit(0);
}
