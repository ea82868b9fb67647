// (d) Footprint baseline: start-up time (spawn to first 200) and resident memory of the
// smallest node:http server, measured the same way as the Switchyard servers of the run.
import { spawnAndTime } from './lib/processes.mjs';
import { median, sleep } from './lib/stats.mjs';

const script = "require('http').createServer((q, s) => s.end('ok')).listen(process.env.PORT, '127.0.0.1')";

/** Starts the bare server `times` times; returns the median ready time and idle RSS. */
export async function benchBareFootprint(times = 3) {
  const ready = [];
  const rss = [];
  for (let i = 0; i < times; i++) {
    const p = await spawnAndTime(['-e', script], '/');
    try {
      if (p.readyMs !== null) ready.push(p.readyMs);
      await sleep(1000);
      const r = p.rssMb();
      if (r !== null) rss.push(r);
    } finally {
      await p.stop();
    }
  }
  return { readyMs: Math.round(median(ready)), idleRssMb: median(rss), samples: { readyMs: ready.map(Math.round), idleRssMb: rss } };
}
