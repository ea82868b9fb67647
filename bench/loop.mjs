// Loop bench (issue 8): one run whose loop walks 10,000 items with a code step inside, then
// sums the results. Reports the time it takes, items per second, and the server's memory
// before, at its peak during, and after the run (target: peak RSS growth under 200 MB).
// The baseline in the same run is the server's own idle RSS right before the loop starts.
import { createActiveWorkflow, getRun } from './lib/api.mjs';
import { startSwitchyard } from './lib/server.mjs';
import { nowMs, sleep } from './lib/stats.mjs';

const ITEMS = Number(process.env.LOOP_BENCH_ITEMS ?? 10_000);

const node = (id, type, config, x) => ({ id, type, position: { x, y: 0 }, config });
const definition = {
  name: 'bench loop',
  nodes: [
    node('hook', 'webhook', {}, 0),
    node('each', 'loop', { items: '{{ trigger.body.items }}', concurrency: 10, maxItems: 100000 }, 250),
    node('work', 'code', { code: 'return { sku: input.sku, total: input.qty * input.price }' }, 500),
    node('sum', 'code', { code: 'return { lines: input.length, total: input.reduce((a, r) => a + r.total, 0) }' }, 750),
  ],
  edges: [
    { id: 'e1', source: 'hook', target: 'each' },
    { id: 'e2', source: 'each', sourceHandle: 'item', target: 'work' },
    { id: 'e3', source: 'each', sourceHandle: 'done', target: 'sum' },
  ],
};

/** Runs the loop bench against a fresh server; returns its figures. */
export default async function benchLoop({ log = console.log } = {}) {
  const server = await startSwitchyard();
  try {
    const wf = await createActiveWorkflow(server, definition);
    // Warm the sandbox and the path once, then settle, so "before" is the idle working set.
    await fetch(wf.hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items: [{ sku: 'w', qty: 1, price: 1 }] }) });
    await sleep(1500);
    const before = { rssMb: server.rssMb(), treeRssMb: server.treeRssMb() };
    const items = Array.from({ length: ITEMS }, (_, i) => ({ sku: `SKU-${i}`, qty: (i % 7) + 1, price: (i % 13) + 0.5 }));
    const t0 = nowMs();
    const sent = await (await fetch(wf.hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) })).json();
    let peak = { ...before };
    let run;
    for (;;) {
      await sleep(100);
      peak = { rssMb: Math.max(peak.rssMb, server.rssMb() ?? 0), treeRssMb: Math.max(peak.treeRssMb, server.treeRssMb() ?? 0) };
      run = await getRun(server, sent.runId);
      if (['succeeded', 'failed', 'cancelled'].includes(run.status)) break;
      if (nowMs() - t0 > 600_000) throw new Error('the loop did not finish within 10 minutes');
    }
    const seconds = (nowMs() - t0) / 1000;
    await sleep(1500);
    const after = { rssMb: server.rssMb(), treeRssMb: server.treeRssMb() };
    const sum = run.steps.find((s) => s.nodeId === 'sum')?.output;
    const expected = items.reduce((a, r) => a + r.qty * r.price, 0);
    const figures = {
      items: ITEMS,
      status: run.status,
      correct: sum?.lines === ITEMS && Math.abs(sum.total - expected) < 1e-6,
      seconds: Math.round(seconds * 10) / 10,
      itemsPerSecond: Math.round(ITEMS / seconds),
      rssMb: { before: before.rssMb, peak: peak.rssMb, after: after.rssMb, peakGrowth: Math.round((peak.rssMb - before.rssMb) * 10) / 10 },
      treeRssMb: { before: before.treeRssMb, peak: peak.treeRssMb, after: after.treeRssMb, peakGrowth: Math.round((peak.treeRssMb - before.treeRssMb) * 10) / 10 },
      target: 'peak RSS growth under 200 MB',
    };
    figures.meetsTarget = figures.rssMb.peakGrowth < 200;
    log(`${ITEMS} items in ${figures.seconds} s (${figures.itemsPerSecond}/s), ${run.status}${figures.correct ? '' : ' WITH A WRONG RESULT'}`);
    log(
      `server RSS ${before.rssMb} MB before, ${peak.rssMb} MB at peak (+${figures.rssMb.peakGrowth} MB, ${(figures.rssMb.peakGrowth / 200).toFixed(2)} of the 200 MB budget), ${after.rssMb} MB after`,
    );
    log(`with sandbox processes: ${before.treeRssMb} MB before, ${peak.treeRssMb} MB at peak, ${after.treeRssMb} MB after`);
    return figures;
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchLoop().then((f) => console.log(JSON.stringify(f, null, 2)));
}
