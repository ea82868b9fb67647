// `node --no-node-snapshot bench/large-events.mjs [events=400] [kb=512]`: a flood of large events
// to webhook -> http with a slow receiver (each answer 2 s late), so runs pile up in their
// slots holding their trigger data. Two servers in turn: the default run data budget
// (WORKER_RUN_DATA_MB=64) and none in effect (a budget no flood reaches, so the 128 slots of one
// workflow alone bound it). For each: the server's peak RSS (sampled every 50 ms) over its RSS
// before the flood, the most runs executing at once (from /metrics), the time until every
// acknowledged event was delivered, and that none was lost.
import { createActiveWorkflow, hookToHttp } from './lib/api.mjs';
import { startReceiver } from './lib/receiver.mjs';
import { startSwitchyard } from './lib/server.mjs';
import { nowMs, sleep } from './lib/stats.mjs';

const events = Number(process.argv[2] ?? 400);
const kb = Number(process.argv[3] ?? 512);
const receiver = await startReceiver();
const filler = 'x'.repeat(kb * 1024);

async function metric(server, name) {
  const text = await (await fetch(`${server.base}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
}

async function flood(label, env) {
  const server = await startSwitchyard(env);
  try {
    await receiver.reset(0, 2_000);
    const { hookUrl } = await createActiveWorkflow(server, hookToHttp(receiver.deliverUrl));
    const before = server.rssMb();
    let peak = before;
    let mostExecuting = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, server.rssMb() ?? 0);
        mostExecuting = Math.max(mostExecuting, await metric(server, 'switchyard_runs_executing'));
        await sleep(50);
      }
    })();
    const t0 = nowMs();
    let acked = 0;
    let next = 0;
    // Forty senders at a time: a provider catching up on a backlog.
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        while (next < events) {
          const n = next++;
          const res = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n, filler }) });
          await res.arrayBuffer();
          if (res.status === 202) acked++;
        }
      }),
    );
    while ((await receiver.stats()).distinct < acked && nowMs() - t0 < 120_000) await sleep(100);
    const seconds = (nowMs() - t0) / 1000;
    sampling = false;
    await sampler;
    const delivered = (await receiver.stats()).distinct;
    console.log(
      `${label}: ${acked}/${events} acked, ${delivered} delivered in ${seconds.toFixed(1)} s (${Math.max(0, acked - delivered)} lost); ` +
        `at most ${mostExecuting} runs executing; RSS ${Math.round(before)} MB before, peak ${Math.round(peak)} MB (+${Math.round(peak - before)} MB)`,
    );
  } finally {
    await server.stop();
  }
}

try {
  console.log(`${events} events of ${kb} KB, receiver answering 2 s late`);
  await flood('run data budget 64 MB (default)', {});
  await flood('no budget in effect (WORKER_RUN_DATA_MB=100000)', { WORKER_RUN_DATA_MB: '100000' });
} finally {
  await receiver.stop?.();
  process.exit(0);
}
