// `node --no-node-snapshot bench/retry-tail.mjs [events]`: the end-to-end bench's failing phase
// (after a healthy phase on the same server, as there), then where the time to the last delivery
// went, read from the step records: how long first attempts waited behind the backlog, how late
// each retry started after its due time (during the load and after it), and the attempts of the
// run delivered last. SWITCHYARD_BENCH_BIN runs another build.
import Database from 'better-sqlite3';
import { createActiveWorkflow, hookToHttp } from './lib/api.mjs';
import { measureDeliveries } from './lib/deliveries.mjs';
import { startReceiver } from './lib/receiver.mjs';
import { startSwitchyard } from './lib/server.mjs';

const total = Number(process.argv[2] ?? 4000);

const quantile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const spread = (v) =>
  v.length ? `n=${v.length} p50 ${quantile(v, 0.5)} p90 ${quantile(v, 0.9)} p99 ${quantile(v, 0.99)} max ${quantile(v, 1)} mean ${Math.round(v.reduce((s, x) => s + x, 0) / v.length)}` : 'none';

/** The attempts of the http step of every run of `workflowId`, by run, from the server's database. */
function attemptsByRun(dbFile, workflowId) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const runs = db.prepare('SELECT id, created_at AS createdAt FROM runs WHERE workflow_id = ?').all(workflowId);
    const steps = db
      .prepare(
        `SELECT run_id AS runId, started_at AS startedAt, finished_at AS finishedAt, next_attempt_at AS dueAt FROM steps
         WHERE node_id = 'out' AND run_id IN (SELECT id FROM runs WHERE workflow_id = ?) ORDER BY run_id, attempt`,
      )
      .all(workflowId);
    const byRun = new Map(runs.map((r) => [r.id, { createdAt: r.createdAt, attempts: [] }]));
    for (const s of steps) byRun.get(s.runId)?.attempts.push(s);
    return [...byRun.values()].filter((r) => r.attempts.length);
  } finally {
    db.close();
  }
}

const receiver = await startReceiver();
const server = await startSwitchyard();
try {
  const healthy = await createActiveWorkflow(server, hookToHttp(receiver.deliverUrl));
  const h = await measureDeliveries({ url: healthy.hookUrl, receiver, total, cpuMs: server.treeCpuMs });
  const wf = await createActiveWorkflow(server, hookToHttp(receiver.deliverUrl, { attempts: 20, schedule: ['250ms'] }));
  const f = await measureDeliveries({ url: wf.hookUrl, receiver, total, failRate: 0.5, cpuMs: server.treeCpuMs });
  console.log(`healthy: ${h.deliveriesPerSecond}/s in ${h.seconds} s, last ${h.lastDeliveryLagMs} ms after the last ack, ${h.cpuMsPerEvent} ms CPU per event`);
  console.log(
    `failing: ${f.deliveriesPerSecond}/s in ${f.seconds} s, last ${f.lastDeliveryLagMs} ms after the last ack, ${f.cpuMsPerEvent} ms CPU per event; ` +
      `ratio ${(f.deliveriesPerSecond / h.deliveriesPerSecond).toFixed(2)}, ${f.missing} missing`,
  );

  const runs = attemptsByRun(`${server.dataDir}/switchyard.db`, wf.id);
  const t0 = Math.min(...runs.map((r) => r.createdAt));
  const lastCreated = Math.max(...runs.map((r) => r.createdAt));
  const firstWait = [];
  const delays = [];
  const lateDuringLoad = [];
  const lateAfterLoad = [];
  let last;
  for (const run of runs) {
    const a = run.attempts;
    firstWait.push(a[0].startedAt - run.createdAt);
    for (let k = 0; k + 1 < a.length; k++) {
      delays.push(a[k].dueAt - a[k].finishedAt);
      (a[k].dueAt > lastCreated ? lateAfterLoad : lateDuringLoad).push(a[k + 1].startedAt - a[k].dueAt);
    }
    const end = a[a.length - 1].finishedAt;
    if (!last || end > last.end) last = { run, end };
  }
  console.log(`runs created over ${lastCreated - t0} ms; attempts ${runs.reduce((n, r) => n + r.attempts.length, 0)}, at most ${Math.max(...runs.map((r) => r.attempts.length))} for one run`);
  console.log(`first attempt after the run was created (ms): ${spread(firstWait)}`);
  console.log(`scheduled wait before a retry (ms): ${spread(delays)}`);
  console.log(`retry started after its due time, due while events came in (ms): ${spread(lateDuringLoad)}`);
  console.log(`retry started after its due time, due after the last event came in (ms): ${spread(lateAfterLoad)}`);
  const a = last.run.attempts;
  const timeline = a.map((s, k) => `${k + 1}: ${s.startedAt - t0}${k ? ` (due ${a[k - 1].dueAt - t0})` : ''}`).join(', ');
  console.log(`delivered last: created at ${last.run.createdAt - t0} ms; attempts started at ${timeline}; delivered at ${last.end - t0} ms`);
} finally {
  await server.stop();
  await receiver.stop();
}
