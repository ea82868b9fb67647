// `node bench/cpu-split.mjs [--against=<other>/bin/switchyard.mjs] [--rounds=3] [--events=2000]`:
// CPU per delivered event on webhook -> code -> http, split between the server process and
// its sandbox processes, for this build and (taking turns) another one. CPU time is what a
// shared machine disturbs least, so this is the figure to steer by when changing the code path.
import { fileURLToPath } from 'node:url';
import { createActiveWorkflow, hookToCodeToHttp } from './lib/api.mjs';
import { measureDeliveries } from './lib/deliveries.mjs';
import { cpuMs, descendants } from './lib/proc-stats.mjs';
import { startReceiver } from './lib/receiver.mjs';
import { startSwitchyard } from './lib/server.mjs';
import { median, round } from './lib/stats.mjs';

const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const rounds = Number(option('rounds') ?? 3);
const events = Number(option('events') ?? 2000);
const builds = [{ name: 'this', bin: fileURLToPath(new URL('../bin/switchyard.mjs', import.meta.url)) }];
if (option('against')) builds.push({ name: 'other', bin: option('against') });

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

const receiver = await startReceiver();
const results = Object.fromEntries(builds.map((b) => [b.name, []]));
try {
  for (let i = 0; i < rounds; i++) {
    for (const b of builds) {
      const r = await once(b.bin, receiver);
      results[b.name].push(r);
      console.log(b.name, JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v, 3)]))));
    }
  }
} finally {
  await receiver.stop();
}
for (const b of builds) {
  const rs = results[b.name];
  const med = (k) => round(median(rs.map((r) => r[k])), 3);
  console.log(`${b.name}: median CPU ms per event: server ${med('serverMs')}, sandbox ${med('sandboxMs')}, total ${med('totalMs')}; ${med('perSecond')} deliveries/s`);
}
