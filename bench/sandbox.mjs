// Sandbox cost per call: a trivial code step and a render of ten expressions through the
// compiled pool in dist/ (npm run build:server first), against the same work done by plain
// functions in this process, measured in the same run. Run alone with
// `node --no-node-snapshot bench/sandbox.mjs`, or through `npm run bench`.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const defaultDist = fileURLToPath(new URL('../dist', import.meta.url));

const TRIVIAL = 'return { text: `Order ${trigger.body.id}`, n: trigger.body.items.length }';
const TEN = Object.fromEntries(
  [
    'trigger.body.amount * 100',
    'trigger.body.customer.email.toLowerCase()',
    '`Order ${trigger.body.id}`',
    'trigger.body.items.length > 2',
    'trigger.body.items.map((i) => i.sku).join(",")',
    'input.total ?? 0',
    'Math.round(trigger.body.amount * 1.2)',
    'trigger.body.customer.name.split(" ")[0]',
    'steps.hook.id + 1',
    'trigger.body.items.reduce((t, i) => t + i.qty, 0)',
  ].map((e, i) => [`f${i}`, `{{ ${e} }}`]),
);
const scope = {
  trigger: {
    body: {
      id: 42,
      amount: 19.5,
      customer: { email: 'Ada@Example.com', name: 'Ada Lovelace' },
      items: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 2 },
        { sku: 'c', qty: 3 },
      ],
    },
    headers: { 'content-type': 'application/json' },
    query: {},
    method: 'POST',
  },
  input: { total: 3 },
  steps: { hook: { id: 42 } },
};

/** Median and 99th percentile of samples in microseconds. @param {number[]} us */
function summary(us) {
  const s = [...us].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { medianUs: Math.round(at(0.5) * 10) / 10, p99Us: Math.round(at(0.99) * 10) / 10, n: s.length };
}

/** Latency of `n` sequential calls of `fn`, each timed alone. @param {number} n @param {() => Promise<unknown>} fn @param {number} [gapMs] */
async function sequential(n, fn, gapMs = 0) {
  const us = [];
  for (let i = 0; i < n; i++) {
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
    const t0 = performance.now();
    await fn();
    us.push((performance.now() - t0) * 1000);
  }
  return summary(us);
}

/** Per-call time of a fast function: batches of `batch` calls, `n` batches. @param {() => unknown} fn */
async function batched(fn, n = 200, batch = 1000) {
  const us = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    for (let j = 0; j < batch; j++) await fn();
    us.push(((performance.now() - t0) * 1000) / batch);
  }
  return summary(us);
}

/** CPU time (ms) used so far by processes, from /proc (Linux); undefined elsewhere. @param {number[]} pids */
function cpuMsOf(pids) {
  try {
    // utime and stime, fields 14 and 15, in clock ticks (100 per second on Linux).
    return pids.reduce((t, pid) => {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return t + (Number(f[11]) + Number(f[12])) * 10;
    }, 0);
  } catch {
    return undefined;
  }
}

/** CPU per call of `fn`, in this process and in the sandbox processes, over `n` calls by 4 callers. */
async function cpuPerCall(n, fn, pids) {
  const child0 = cpuMsOf(pids);
  const own0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = 0; i < n / 4; i++) await fn();
    }),
  );
  const own = process.cpuUsage(own0);
  const child1 = cpuMsOf(pids);
  return {
    serverUs: Math.round((own.user + own.system) / n),
    sandboxUs: child0 === undefined || child1 === undefined ? null : Math.round(((child1 - child0) * 1000) / n),
  };
}

/** Calls per second with `concurrency` callers sharing the pool. */
async function throughput(total, concurrency, fn) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) await fn();
    }),
  );
  return { callsPerSecond: Math.round(total / ((performance.now() - t0) / 1000)), concurrency, total };
}

/**
 * Measures the sandbox and returns its figures (the bench runner prints and stores them).
 * @param {{ distDir?: string, log?: (s: string) => void, quick?: boolean }} [options]
 */
export async function benchSandbox({ distDir = defaultDist, log = console.log, quick = false } = {}) {
  const load = (p) => import(pathToFileURL(`${distDir}/${p}`).href);
  const { createSandboxPool } = await load('server/sandbox/sandbox-pool.js');
  const { createSandboxExpressionEvaluator } = await load('server/expressions/sandbox-expression-evaluator.js');
  const n = quick ? 500 : 2000;
  /** @type {number[]} */
  const pids = [];
  const pool = createSandboxPool({ size: 2, onEvent: (e) => e.type === 'started' && e.pid && pids.push(e.pid) });
  try {
    const evaluator = createSandboxExpressionEvaluator(pool);
    const code = () =>
      pool.runCode({ code: TRIVIAL, scope }).then((r) => {
        if (!r.ok) throw new Error(`code step failed: ${r.error.message}`);
      });
    const render = () =>
      evaluator.render(TEN, scope).then((r) => {
        if (!r.ok) throw new Error(`render failed: ${r.error.message}`);
      });
    for (let i = 0; i < 300; i++) await code(); // warm isolates and script caches
    for (let i = 0; i < 100; i++) await render();

    log('trivial code step, back to back');
    const trivialCode = await sequential(n, code);
    log('trivial code step, 1 ms apart (other work between steps, as in a run)');
    const trivialCodeSpaced = await sequential(quick ? 200 : 500, code, 1);
    log('ten-expression render');
    const tenExpressions = await sequential(n, render);
    log('throughput, 8 callers');
    const codeThroughput = await throughput(n * 2, 8, code);
    log('CPU per call');
    const cpu = { trivialCode: await cpuPerCall(n, code, pids), tenExpressions: await cpuPerCall(n, render, pids) };

    // The same work as plain functions in this process: what the sandbox adds is the ratio.
    const direct = new Function('trigger', 'input', 'steps', `return (async () => { ${TRIVIAL} })()`);
    const exprs = Object.values(TEN).map((t) => new Function('trigger', 'input', 'steps', `return (${t.slice(2, -2)});`));
    const trivialFunction = await batched(() => direct(scope.trigger, scope.input, scope.steps));
    const tenExpressionsDirect = await batched(() => exprs.map((f) => f(scope.trigger, scope.input, scope.steps)));

    const ratio = (a, b) => Math.round(a / b);
    return {
      trivialCode,
      trivialCodeSpaced,
      tenExpressions,
      throughput: codeThroughput,
      // Mostly V8 creating the fresh context each call gets; done in the sandbox processes.
      cpuPerCall: cpu,
      baseline: { trivialFunction, tenExpressionsDirect },
      ratios: {
        trivialCodeVsFunction: ratio(trivialCode.medianUs, trivialFunction.medianUs),
        tenExpressionsVsDirect: ratio(tenExpressions.medianUs, tenExpressionsDirect.medianUs),
      },
      stats: pool.stats(),
    };
  } finally {
    await pool.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchSandbox({ quick: process.argv.includes('--quick') }), null, 2));
}
