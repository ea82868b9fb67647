// `node --no-node-snapshot bench/sustained.mjs [seconds=15] [NAME=value ...]`: the load of
// `../shared/bench/vs-reference.mjs` (wrk, 50 connections, its fixed order body, webhook -> code ->
// http into its counting sink), second by second: deliveries, the server's CPU and RSS, the
// database's size, then wrk's totals (non-2xx answers included). It shows what a single total
// hides: a rate that falls after a few seconds (a rate limit's burst spent, a growing database,
// a backlog that paces ingest). The server keeps its default configuration, as vs-reference
// runs it; NAME=value pairs go to its environment (TRIGGER_RATE_LIMIT=off, ...). Needs wrk
// (apt-get install wrk) and ../shared/bench (sink.js, post.lua) beside the project.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createActiveWorkflow, orderToMessage } from './lib/api.mjs';
import { freePort, track } from './lib/processes.mjs';
import { cpuMs, mainThreadCpuMs, rssMb } from './lib/proc-stats.mjs';
import { startSwitchyard } from './lib/server.mjs';
import { sleep } from './lib/stats.mjs';

const shared = fileURLToPath(new URL('../../shared/bench/', import.meta.url));
const seconds = Number(process.argv[2] ?? 15);
const env = Object.fromEntries(process.argv.slice(3).map((a) => a.split('=', 2)));
if (!existsSync(join(shared, 'sink.js'))) throw new Error(`no ${shared}sink.js: this bench needs ../shared/bench beside the project`);

const sinkPort = await freePort();
track(spawn(process.execPath, [join(shared, 'sink.js')], { env: { ...process.env, SINK_PORT: String(sinkPort) }, stdio: 'ignore' }));
await sleep(300);
const sinkStats = async () => (await fetch(`http://127.0.0.1:${sinkPort}/stats`)).json();
// The server's defaults, as vs-reference starts it (the bench's own servers run without a trigger limit).
const server = await startSwitchyard({ TRIGGER_RATE_LIMIT: null, ...env });
const megabytes = () =>
  readdirSync(server.dataDir)
    .filter((f) => f.endsWith('.db') || f.endsWith('.db-wal'))
    .reduce((mb, f) => mb + statSync(join(server.dataDir, f)).size / 1_048_576, 0);
try {
  const { hookUrl } = await createActiveWorkflow(server, orderToMessage(`http://127.0.0.1:${sinkPort}/hook`));
  const wrk = promisify(execFile)('wrk', ['-t1', '-c50', `-d${seconds}s`, '--timeout', '30s', '-s', join(shared, 'post.lua'), hookUrl]);
  let finished = false;
  wrk.finally(() => (finished = true)).catch(() => {});
  let delivered = 0;
  let cpu = cpuMs(server.pid) ?? 0;
  let mainCpu = mainThreadCpuMs(server.pid) ?? 0;
  const start = { cpu, mainCpu };
  let quiet = 0;
  for (let t = 1; quiet < 3 && t < seconds + 120; t++) {
    await sleep(1000);
    const now = (await sinkStats()).count;
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
  await server.stop();
  process.exit(0);
}
