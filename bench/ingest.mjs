// (a) Ingest: acknowledged requests per second and p50/p99 latency at several client counts,
// against Switchyard (a webhook -> http workflow, its executor delivering to the receiver in
// the background) and against a bare node:http server answering 202, in the same run. A fresh
// server per level, so one level's backlog does not slow the next; baseline and server take
// turns (`rounds` times) so that noise from other work on the machine falls on both alike.
import { createActiveWorkflow, hookToHttp } from './lib/api.mjs';
import { startChild } from './lib/processes.mjs';
import { startSwitchyard } from './lib/server.mjs';
import { ratio, round, sleep } from './lib/stats.mjs';
import { closedLoop, mergeRounds } from './lib/load.mjs';

/** Runs the loop and adds the CPU the process under test spent per acknowledged request. */
async function measured(proc, options) {
  const cpuOf = proc.treeCpuMs ?? proc.cpuMs;
  const cpu0 = cpuOf();
  const r = await closedLoop(options);
  const cpu1 = cpuOf();
  return { ...r, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}

const withCpu = (rounds) => {
  const merged = mergeRounds(rounds);
  const cpu = rounds.every((r) => r.cpuMs !== null) ? rounds.reduce((n, r) => n + r.cpuMs, 0) : null;
  return { ...merged, cpuMsPerRequest: cpu === null || !merged.acked ? null : round(cpu / merged.acked, 3) };
};

/**
 * @param {{ receiver: Awaited<ReturnType<import('./lib/receiver.mjs').startReceiver>>, levels?: number[], rounds?: number,
 *   durationMs?: number, warmupMs?: number, log?: (s: string) => void, onServer?: (info: object) => void }} o
 */
export async function benchIngest({ receiver, levels = [1, 10, 50], rounds = 2, durationMs = 2500, warmupMs = 1000, log = console.log, onServer = () => {} }) {
  const baseline = await startChild('bare-202');
  const results = [];
  try {
    for (const connections of levels) {
      const server = await startSwitchyard();
      try {
        await sleep(1000);
        onServer({ readyMs: server.readyMs, idleRssMb: server.rssMb(), idleTreeRssMb: server.treeRssMb(), helperProcesses: server.helperProcesses() });
        const wf = await createActiveWorkflow(server, hookToHttp(receiver.deliverUrl));
        const baseUrl = `${baseline.url}/hooks/baseline`;
        // Warm up both sides (JIT, connections, SQLite pages), then take turns.
        await closedLoop({ url: baseUrl, connections, durationMs: warmupMs });
        await closedLoop({ url: wf.hookUrl, connections, durationMs: warmupMs, firstN: 10_000_000 });
        const b = [];
        const s = [];
        for (let i = 0; i < rounds; i++) {
          b.push(await measured(baseline, { url: baseUrl, connections, durationMs }));
          s.push(await measured(server, { url: wf.hookUrl, connections, durationMs, firstN: (i + 2) * 10_000_000 }));
        }
        if (server.exit()) log(`the server exited during the ${connections}-client level (${JSON.stringify(server.exit())}):\n${server.output().slice(-1500)}`);
        const sy = withCpu(s);
        const bare = withCpu(b);
        const row = { connections, switchyard: sy, baseline: bare, ratio: ratio(sy.perSecond, bare.perSecond), cpuRatio: ratio(sy.cpuMsPerRequest, bare.cpuMsPerRequest) };
        results.push(row);
        log(
          `ingest ${String(connections).padStart(2)} clients: switchyard ${sy.perSecond}/s p50 ${sy.p50Ms} ms p99 ${sy.p99Ms} ms ${sy.cpuMsPerRequest} ms CPU/req | ` +
            `bare node:http ${bare.perSecond}/s p50 ${bare.p50Ms} ms p99 ${bare.p99Ms} ms ${bare.cpuMsPerRequest} ms CPU/req | ratio ${row.ratio}`,
        );
      } finally {
        await server.stop();
      }
    }
  } finally {
    await baseline.stop();
  }
  return results;
}
