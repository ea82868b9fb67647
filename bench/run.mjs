// `npm run bench`: Switchyard against baselines measured in the same run, on this machine.
//   (a) ingest vs a bare node:http server answering 202, at 1, 10 and 50 clients;
//   (b) end to end webhook -> http (and -> code -> http) vs a non-durable reference;
//   (c) the same with the receiver failing half the time, vs the healthy figure: a burst, and a
//       sustained load (deliveries while it lasts, the figure);
//   (d) start-up time and idle memory vs the smallest node:http server;
// then the benches of other areas (bench/sandbox.mjs, delivery.mjs, editor.mjs, loop.mjs,
// idle-footprint.mjs) if present.
// Prints a table of ratios and writes everything to bench/results/<timestamp>.json.
// Options: --quick (shorter phases), --only=ingest,e2e,footprint,extras.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchIngest } from './ingest.mjs';
import { benchEndToEnd } from './end-to-end.mjs';
import { benchBareFootprint } from './footprint.mjs';
import { runExtras } from './lib/extras.mjs';
import { startReceiver } from './lib/receiver.mjs';
import { buildRows, footprintOf } from './lib/report.mjs';
import { printTable } from './lib/table.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const distDir = `${root}dist`;
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wants = (phase) => !only || only.includes(phase);
const log = (s) => console.log(s);

function ensureBuilt() {
  if (existsSync(`${distDir}/server/cli.js`) && existsSync(`${distDir}/server/main.js`)) return;
  log('dist/ is missing: running npm run build');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

function machine() {
  let commit = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    // not a checkout
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: process.platform,
    commit,
    loadAtStart: loadavg().map((x) => Math.round(x * 10) / 10),
  };
}

async function main() {
  const t0 = Date.now();
  ensureBuilt();
  const results = { startedAt: new Date().toISOString(), machine: machine(), options: { quick, only: only ?? 'all' } };
  log(`Switchyard bench on ${results.machine.cores} x ${results.machine.cpu}, Node ${results.machine.node}${quick ? ' (quick)' : ''}`);
  const busy = results.machine.loadAtStart[0] > results.machine.cores;
  log(`load average ${results.machine.loadAtStart.join(' ')}${busy ? ': the machine is busy with other work; absolute figures will be low, ratios and CPU per event hold better' : ''}\n`);
  const servers = [];
  const receiver = await startReceiver();
  try {
    if (wants('footprint')) results.bareFootprint = await benchBareFootprint(3);
    if (wants('ingest')) {
      results.ingest = await benchIngest({ receiver, rounds: quick ? 1 : 2, durationMs: quick ? 2000 : 2500, warmupMs: quick ? 500 : 1000, log, onServer: (s) => servers.push(s) });
    }
    if (wants('e2e')) {
      results.endToEnd = await benchEndToEnd({ receiver, total: quick ? 1500 : 4000, rounds: quick ? 1 : 2, sustainMs: quick ? 4_000 : 8_000, log, onServer: (s) => servers.push(s) });
    }
  } finally {
    await receiver.stop();
  }
  if (results.bareFootprint && servers.length) {
    results.footprint = { switchyard: footprintOf(servers, { rssMb: results.endToEnd?.afterLoadRssMb, treeRssMb: results.endToEnd?.afterLoadTreeRssMb }), bare: results.bareFootprint };
  }
  if (wants('extras')) results.extras = await runExtras({ names: ['sandbox', 'delivery', 'editor', 'loop', 'idle-footprint', 'branches'], distDir, log });
  results.seconds = Math.round((Date.now() - t0) / 1000);
  results.machine.loadAtEnd = loadavg().map((x) => Math.round(x * 10) / 10);

  const rows = buildRows(results);
  results.summary = rows;
  log('');
  printTable(rows, log);
  mkdirSync(`${root}bench/results`, { recursive: true });
  const file = `${root}bench/results/${results.startedAt.replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`\n${results.seconds} s in all; figures written to ${file.slice(root.length)}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
