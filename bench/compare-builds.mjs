// `node bench/compare-builds.mjs --against=<other checkout>/bin/switchyard.mjs [--rounds=3] [--quick] [--phases=e2e]`:
// this build against another (say, the commit before a refactor), in one run, on this machine.
// The machines are shared and noisy, so the two builds take turns (A B A B ...), each turn a
// whole `bench/run.mjs --only=ingest,e2e` with its own in-run baselines, and the comparison
// uses the medians of the ratios to those baselines and of the CPU per event: figures that a
// busy neighbour moves far less than raw events per second.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median, round } from './lib/stats.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const against = option('against') ?? process.env.SWITCHYARD_BENCH_BIN;
const rounds = Number(option('rounds') ?? 3);
const quick = args.includes('--quick');
// The bench phases each turn runs (bench/run.mjs --only=...): e2e alone when ingest is not in question.
const phases = option('phases') ?? 'ingest,e2e';
if (!against) {
  console.error('usage: node bench/compare-builds.mjs --against=<other build>/bin/switchyard.mjs [--rounds=3] [--quick] [--phases=e2e]');
  process.exit(2);
}

/** The figures compared, read from one run's results file; higher is better unless `lower`. */
const figures = [
  { name: 'ingest 50 clients / bare node:http', read: (r) => r.ingest?.find((l) => l.connections === 50)?.ratio },
  { name: 'ingest 50 clients CPU ms per request', read: (r) => r.ingest?.find((l) => l.connections === 50)?.switchyard.cpuMsPerRequest, lower: true },
  { name: 'webhook -> http / reference', read: (r) => r.endToEnd?.http?.ratioToReference },
  { name: 'webhook -> http CPU ms per event', read: (r) => r.endToEnd?.http?.cpuMsPerEvent, lower: true },
  { name: 'webhook -> code -> http / reference', read: (r) => r.endToEnd?.code?.ratioToReference },
  { name: 'webhook -> code -> http CPU ms per event', read: (r) => r.endToEnd?.code?.cpuMsPerEvent, lower: true },
  { name: 'receiver failing 50 % / healthy', read: (r) => r.endToEnd?.failing?.ratioToHealthy },
  { name: 'receiver failing 50 % CPU ms per event', read: (r) => r.endToEnd?.failing?.cpuMsPerEvent, lower: true },
];

const resultsDir = `${root}bench/results`;
const listResults = () => {
  try {
    return new Set(readdirSync(resultsDir));
  } catch {
    return new Set();
  }
};

/** One whole bench run of one build; returns its results file parsed. */
function benchOnce(bin) {
  const before = listResults();
  const env = { ...process.env };
  if (bin) env.SWITCHYARD_BENCH_BIN = bin;
  else delete env.SWITCHYARD_BENCH_BIN;
  const r = spawnSync(process.execPath, ['--no-node-snapshot', `${root}bench/run.mjs`, `--only=${phases}`, ...(quick ? ['--quick'] : [])], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`bench/run.mjs failed for ${bin ?? 'this build'}`);
  const added = [...listResults()].filter((f) => !before.has(f));
  if (added.length !== 1) throw new Error(`expected one new results file, found ${added.length}`);
  return JSON.parse(readFileSync(`${resultsDir}/${added[0]}`, 'utf8'));
}

const runs = { current: [], other: [] };
for (let i = 0; i < rounds; i += 1) {
  for (const [side, bin] of i % 2 === 0
    ? [
        ['current', null],
        ['other', against],
      ]
    : [
        ['other', against],
        ['current', null],
      ]) {
    console.log(`round ${i + 1}/${rounds}: ${side === 'current' ? 'this build' : against}`);
    runs[side].push(benchOnce(bin));
  }
}

console.log(`\n${'figure'.padEnd(44)} ${'this build'.padStart(11)} ${'other'.padStart(11)} ${'change'.padStart(8)}`);
for (const f of figures) {
  const mineAll = runs.current.map(f.read).filter(Number.isFinite);
  const theirsAll = runs.other.map(f.read).filter(Number.isFinite);
  if (!mineAll.length || !theirsAll.length) continue; // a phase this comparison did not run
  const mine = median(mineAll);
  const theirs = median(theirsAll);
  const better = theirs > 0 ? (f.lower ? theirs / mine : mine / theirs) : null;
  const change = better === null ? '-' : `${better >= 1 ? '+' : ''}${round((better - 1) * 100, 1)} %`;
  console.log(`${f.name.padEnd(44)} ${String(round(mine, 3)).padStart(11)} ${String(round(theirs, 3)).padStart(11)} ${change.padStart(8)}`);
}
console.log('\nchange: how much better this build is (positive) or worse (negative), medians of each side.');
