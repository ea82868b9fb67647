// `node bench/cpu-split.mjs [--against=<other>/bin/switchyard.mjs] [--rounds=3] [--events=2000]`:
// CPU per delivered event on webhook -> code -> http, split between the server process and
// its sandbox processes, for this build and (taking turns) another one. CPU time is what a
// shared machine disturbs least, so this is the figure to steer by when changing the code path.
import { createActiveWorkflow, hookToCodeToHttp } from './lib/api.mjs';
import { measureDeliveries } from './lib/deliveries.mjs';
import { cpuMs, descendants } from './lib/proc-stats.mjs';
import { startSwitchyard } from './lib/server.mjs';
import { inTurns, turnOptions } from './lib/build-turns.mjs';

const { rounds, events, builds } = turnOptions();

const childrenMs = (pid) => descendants(pid).reduce((n, p) => n + (cpuMs(p) ?? 0), 0);

async function once(bin, receiver) {
  const server = await startSwitchyard({}, [], bin);
  try {
    const wf = await createActiveWorkflow(server, hookToCodeToHttp(receiver.deliverUrl));
    await measureDeliveries({ url: wf.hookUrl, receiver, total: 300 }); // warm-up: JIT, sandbox processes
    const s0 = cpuMs(server.pid);
    const c0 = childrenMs(server.pid);
    const r = await measureDeliveries({ url: wf.hookUrl, receiver, total: events, capMs: 120_000 });
    const serverMs = (cpuMs(server.pid) - s0) / r.delivered;
    const sandboxMs = (childrenMs(server.pid) - c0) / r.delivered;
    return { serverMs, sandboxMs, totalMs: serverMs + sandboxMs, perSecond: r.deliveriesPerSecond, missing: r.missing };
  } finally {
    await server.stop();
  }
}

const medians = await inTurns(builds, rounds, once);
for (const b of builds) {
  const med = medians[b.name];
  console.log(`${b.name}: median CPU ms per event: server ${med('serverMs')}, sandbox ${med('sandboxMs')}, total ${med('totalMs')}; ${med('perSecond')} deliveries/s`);
}
