// Idle footprint of the built server: spawn to the first 200 on /healthz, and the resident
// memory of the server and every process it started (the sandbox pool), summed from /proc,
// while idle. Compared with another build measured in the same run, in turns, when
// SWITCHYARD_BENCH_BIN points at one (e.g. /work/main/bin/switchyard.mjs).
//   node --no-node-snapshot bench/idle-footprint.mjs [--times=5]
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startSwitchyard } from './lib/server.mjs';
import { median, sleep } from './lib/stats.mjs';

const thisBuild = fileURLToPath(new URL('../bin/switchyard.mjs', import.meta.url));

/** One start of `bin`: its ready time, and its process tree's RSS and helpers after `idleMs` idle. */
async function startOnce(bin, idleMs) {
  const server = await startSwitchyard({}, [], bin);
  try {
    const readyMs = Math.round(server.readyMs);
    await sleep(idleMs);
    return { readyMs, rss: server.treeRssMb(), helpers: server.helperProcesses() };
  } finally {
    await server.stop();
  }
}

const summary = (starts) => ({
  readyMs: median(starts.map((s) => s.readyMs)),
  idleTreeRssMb: median(starts.map((s) => s.rss)),
  helperProcesses: median(starts.map((s) => s.helpers)),
  samples: { readyMs: starts.map((s) => s.readyMs), idleTreeRssMb: starts.map((s) => s.rss) },
});

/** @param {{ times?: number, idleMs?: number, log?: (s: string) => void }} [o] */
export async function benchIdleFootprint({ times = 3, idleMs = 2000, log = console.log } = {}) {
  const other = process.env.SWITCHYARD_BENCH_BIN;
  const bins = other && other !== thisBuild ? [thisBuild, other] : [thisBuild];
  // Every build's first start compiles its chunks and writes their code cache: not counted.
  for (const bin of bins) await startOnce(bin, 1200);
  // The builds start in turns, so that the machine's drift from minute to minute falls on both.
  const starts = bins.map(() => []);
  for (let i = 0; i < times; i++) for (const [b, bin] of bins.entries()) starts[b].push(await startOnce(bin, idleMs));
  const out = { current: summary(starts[0]) };
  log(`this build: ready in ${out.current.readyMs} ms, idle tree RSS ${out.current.idleTreeRssMb} MB, ${out.current.helperProcesses} helper processes`);
  if (bins.length > 1) {
    out.baseline = { bin: other, ...summary(starts[1]) };
    log(`baseline ${other}: ready in ${out.baseline.readyMs} ms, idle tree RSS ${out.baseline.idleTreeRssMb} MB, ${out.baseline.helperProcesses} helper processes`);
    out.ratios = {
      readyMs: Math.round((out.current.readyMs / out.baseline.readyMs) * 100) / 100,
      idleTreeRssMb: Math.round((out.current.idleTreeRssMb / out.baseline.idleTreeRssMb) * 100) / 100,
    };
    log(`ratios (this / baseline): ready ${out.ratios.readyMs}, idle RSS ${out.ratios.idleTreeRssMb}`);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const times = Number(process.argv.find((a) => a.startsWith('--times='))?.slice(8) ?? 3);
  await benchIdleFootprint({ times });
  process.exit(0);
}
