// Idle footprint of the built server: spawn to the first 200 on /healthz, and the resident
// memory of the server and every process it started (the sandbox pool), summed from /proc,
// while idle. Compared with another build measured in the same run when
// SWITCHYARD_BENCH_BIN points at one (e.g. /work/main/bin/switchyard.mjs).
//   node --no-node-snapshot bench/idle-footprint.mjs [--times=5]
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startSwitchyard } from './lib/server.mjs';
import { median, sleep } from './lib/stats.mjs';

const thisBuild = fileURLToPath(new URL('../bin/switchyard.mjs', import.meta.url));

/** Starts `bin` `times` times; the median ready time and idle tree RSS, and the samples. */
async function measure(bin, times, idleMs) {
  const ready = [];
  const rss = [];
  const helpers = [];
  for (let i = 0; i < times; i++) {
    const server = await startSwitchyard({}, [], bin);
    try {
      ready.push(Math.round(server.readyMs));
      await sleep(idleMs);
      rss.push(server.treeRssMb());
      helpers.push(server.helperProcesses());
    } finally {
      await server.stop();
    }
  }
  return { readyMs: median(ready), idleTreeRssMb: median(rss), helperProcesses: median(helpers), samples: { readyMs: ready, idleTreeRssMb: rss } };
}

/** @param {{ times?: number, idleMs?: number, log?: (s: string) => void }} [o] */
export async function benchIdleFootprint({ times = 3, idleMs = 2000, log = console.log } = {}) {
  const out = { current: await measure(thisBuild, times, idleMs) };
  log(`this build: ready in ${out.current.readyMs} ms, idle tree RSS ${out.current.idleTreeRssMb} MB, ${out.current.helperProcesses} helper processes`);
  const other = process.env.SWITCHYARD_BENCH_BIN;
  if (other && other !== thisBuild) {
    out.baseline = { bin: other, ...(await measure(other, times, idleMs)) };
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
