// `node bench/profile.mjs [ingest|e2e|code|failing] [seconds] [NAME=value ...]`: runs the server
// under `--cpu-prof` while the load generator drives it (50 clients on a webhook -> http workflow,
// webhook -> code -> http for `code`, or a receiver failing half the time with a retry every
// 250 ms for `failing`),
// stops it gracefully so the profile is written, and prints where the time went. NAME=value
// pairs go to the server's environment (WORKER_CONCURRENCY=1 shows the ingest path alone).
// The .cpuprofile lands in bench/results/ (open it in Chrome DevTools or speedscope).
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createActiveWorkflow, hookToCodeToHttp, hookToHttp } from './lib/api.mjs';
import { timeByFunction } from './lib/cpu-profile.mjs';
import { measureDeliveries } from './lib/deliveries.mjs';
import { closedLoop } from './lib/load.mjs';
import { startReceiver } from './lib/receiver.mjs';
import { startSwitchyard } from './lib/server.mjs';
import { sleep } from './lib/stats.mjs';

const mode = process.argv[2] ?? 'ingest';
const seconds = Number(process.argv[3] ?? 5);
const env = Object.fromEntries(process.argv.slice(4).map((a) => a.split('=', 2)));
const outDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(outDir, { recursive: true });

const before = new Set(readdirSync(outDir));
const receiver = await startReceiver();
const server = await startSwitchyard(env, ['--cpu-prof', `--cpu-prof-dir=${outDir}`]);
try {
  const failing = mode === 'failing';
  const graph = mode === 'code' ? hookToCodeToHttp(receiver.deliverUrl) : hookToHttp(receiver.deliverUrl, failing ? { attempts: 20, schedule: ['250ms'] } : undefined);
  const wf = await createActiveWorkflow(server, graph);
  if (mode === 'ingest') {
    const { ackedIds: _ids, latencies: _l, ...r } = await closedLoop({ url: wf.hookUrl, connections: 50, durationMs: seconds * 1000 });
    console.log(r);
  } else {
    console.log(await measureDeliveries({ url: wf.hookUrl, receiver, total: seconds * 400, capMs: 120_000, cpuMs: server.cpuMs, failRate: failing ? 0.5 : 0 }));
  }
} finally {
  // SIGTERM: a graceful exit writes the profile; then make sure it is gone.
  process.kill(server.pid, 'SIGTERM');
  for (let i = 0; i < 60 && server.exit() === null; i++) await sleep(250);
  await server.stop();
  await receiver.stop();
}
const file = readdirSync(outDir).find((f) => f.endsWith('.cpuprofile') && !before.has(f));
if (!file) throw new Error('no profile was written');
console.log(`profile: bench/results/${file}`);
console.table(timeByFunction(JSON.parse(readFileSync(`${outDir}${file}`, 'utf8'))));
