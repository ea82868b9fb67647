// Branch latency bench (issue 22): a run whose two branches take 1 s each in two steps
// (A1 0.1 s then A2 0.9 s; B1 0.9 s then B2 0.1 s), each step an HTTP call to a receiver on
// 127.0.0.1 that answers after the step's delay. Branches that move independently end the run
// after about 1 s (its longest path); branches in lockstep waves after about 1.8 s (the sum of
// each wave's slowest step). Prints the median run time against both figures, measured here.
// SWITCHYARD_BENCH_BIN=<other build>/bin/switchyard.mjs measures another build the same way.
import { createServer } from 'node:http';
import { createActiveWorkflow, getRun } from './lib/api.mjs';
import { startSwitchyard } from './lib/server.mjs';
import { sleep } from './lib/stats.mjs';

const RUNS = Number(process.env.BRANCH_BENCH_RUNS ?? 5);

/** Answers each request after the number of ms in its path: POST /wait/900. */
async function startDelayReceiver() {
  const server = createServer((req, res) => {
    req.resume();
    const ms = Number(req.url?.split('/').at(-1) ?? 0);
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), ms);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

const node = (id, type, config, x) => ({ id, type, position: { x, y: 0 }, config });
const edge = (source, target) => ({ id: `${source}-${target}`, source, target });
const wait = (url, ms) => ({ method: 'POST', url: `${url}/wait/${ms}`, body: {} });

export default async function benchBranches({ log = console.log } = {}) {
  const receiver = await startDelayReceiver();
  const server = await startSwitchyard();
  try {
    const u = receiver.url;
    const wf = await createActiveWorkflow(server, {
      name: 'bench: two branches of two steps',
      nodes: [
        node('hook', 'webhook', {}, 0),
        node('a1', 'http', wait(u, 100), 250),
        node('a2', 'http', wait(u, 900), 500),
        node('b1', 'http', wait(u, 900), 250),
        node('b2', 'http', wait(u, 100), 500),
      ],
      edges: [edge('hook', 'a1'), edge('a1', 'a2'), edge('hook', 'b1'), edge('b1', 'b2')],
    });
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const { runId } = await (await fetch(wf.hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json();
      let run = await getRun(server, runId);
      for (let n = 0; n < 200 && !['succeeded', 'failed'].includes(run.status); n++) {
        await sleep(50);
        run = await getRun(server, runId);
      }
      if (run.status !== 'succeeded') throw new Error(`run ${runId} ended ${run.status}`);
      const at = (v) => (typeof v === 'number' ? v : Date.parse(v));
      times.push(at(run.finishedAt) - at(run.createdAt));
    }
    times.sort((a, b) => a - b);
    const medianMs = times[Math.floor(times.length / 2)];
    log(`run time median ${medianMs} ms over ${RUNS} runs (longest path 1000 ms; lockstep waves 1800 ms)`);
    return { medianMs, runs: times, longestPathMs: 1000, lockstepMs: 1800 };
  } finally {
    await server.stop();
    await receiver.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBranches();
