// `node bench/cpu-failing.mjs [--against=<other>/bin/switchyard.mjs] [--rounds=3] [--events=2000]`:
// the server's CPU per delivered event and per failed attempt with the receiver failing half the
// time (a retry every 250 ms), for this build and (taking turns) another one: what a failed
// attempt costs, in the figure a shared machine disturbs least. Each server first delivers 300
// events to a healthy receiver: the JIT warms up, and the endpoint's breaker holds successes, so
// it does not open by chance on the first failures (docs/performance.md, the failing receiver).
import { createActiveWorkflow, hookToHttp } from './lib/api.mjs';
import { measureDeliveries } from './lib/deliveries.mjs';
import { cpuMs } from './lib/proc-stats.mjs';
import { startSwitchyard } from './lib/server.mjs';
import { inTurns, turnOptions } from './lib/build-turns.mjs';

const { rounds, events, builds } = turnOptions();

async function once(bin, receiver) {
  const server = await startSwitchyard({}, [], bin);
  try {
    const wf = await createActiveWorkflow(server, hookToHttp(receiver.deliverUrl, { attempts: 20, schedule: ['250ms'] }));
    await measureDeliveries({ url: wf.hookUrl, receiver, total: 300 });
    const s0 = cpuMs(server.pid);
    const r = await measureDeliveries({ url: wf.hookUrl, receiver, total: events, capMs: 120_000, failRate: 0.5 });
    const ms = cpuMs(server.pid) - s0;
    const failed = r.receiverAnswers.failed;
    return {
      msPerEvent: ms / r.delivered,
      msPerAttempt: ms / (r.delivered + failed),
      failedPerEvent: failed / r.delivered,
      perSecond: r.deliveriesPerSecond,
      lagMs: r.lastDeliveryLagMs,
      missing: r.missing,
    };
  } finally {
    await server.stop();
  }
}

const medians = await inTurns(builds, rounds, once);
for (const b of builds) {
  const med = medians[b.name];
  console.log(
    `${b.name}: median server CPU ms per delivered event ${med('msPerEvent')}, per attempt ${med('msPerAttempt')}; ${med('failedPerEvent')} failed attempts per event; ${med('perSecond')} deliveries/s`,
  );
}
