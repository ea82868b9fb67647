// Delivery client in isolation: throughput and latency of the guarded, capped, classified client
// (SSRF guard + endpoint health + body cap) against plain undici `request` to the same local
// receiver in the same run. Uses the compiled server in dist/ (npm run build:server first).
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { Agent, request } from 'undici';

/** A local receiver; every `failEvery`-th request gets a 500 (0: never). */
async function receiver(failEvery = 0) {
  let n = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      n++;
      const fail = failEvery > 0 && n % failEvery === 0;
      res.writeHead(fail ? 500 : 200, { 'content-type': 'application/json' });
      res.end(fail ? '{"error":"boom"}' : '{"ok":true}');
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}/hook`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r(undefined));
      }),
  };
}

/**
 * Sends `total` requests, `concurrency` at a time.
 * @param {number} total
 * @param {number} concurrency
 * @param {(i: number) => Promise<boolean>} send resolves true on success
 */
async function load(total, concurrency, send) {
  /** @type {number[]} */
  const latencies = [];
  let next = 0;
  let failures = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const s = performance.now();
        if (!(await send(i))) failures++;
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { perSecond: Math.round(total / seconds), p50Ms: +at(0.5).toFixed(2), p99Ms: +at(0.99).toFixed(2), failures };
}

/**
 * @typedef {{ perSecond: number, p50Ms: number, p99Ms: number, failures: number }} LoadResult
 */

/**
 * Runs the delivery benchmark and returns its figures; prints one line per scenario with the
 * ratio to the plain-undici baseline measured in the same run.
 * @param {{ distDir?: string, total?: number, concurrency?: number, log?: (line: string) => void }} [options]
 */
export async function benchDelivery({ distDir = resolve('dist'), total = 4000, concurrency = 20, log = console.log } = {}) {
  const dist = (/** @type {string} */ p) => pathToFileURL(resolve(distDir, p)).href;
  const { createDelivery } = await import(dist('server/delivery/create-delivery.js'));
  const { systemClock } = await import(dist('server/lib/clock.js'));
  const body = Buffer.from(JSON.stringify({ event: 'order.paid', id: 'ord_123', amount: 4200 }));
  const headers = { 'content-type': 'application/json' };
  /** @type {Record<string, { baseline: LoadResult, delivery: LoadResult, ratio: number }>} */
  const results = {};
  /** @type {Array<[string, number]>} */
  const scenarios = [
    ['healthy receiver', 0],
    ['receiver failing 1 in 2', 2],
  ];
  for (const [name, failEvery] of scenarios) {
    const rcv = await receiver(failEvery);
    const agent = new Agent({ keepAliveTimeout: 4_000, connections: 64 });
    const plain = async () => {
      const res = await request(rcv.url, { dispatcher: agent, method: 'POST', headers, body });
      await res.body.text();
      return res.statusCode < 300;
    };
    const delivery = createDelivery({ clock: systemClock, egressAllow: '127.0.0.1/32' });
    const guardedSend = async (/** @type {number} */ i) => {
      const out = await delivery.deliverer.deliver({
        method: 'POST',
        url: rcv.url,
        headers,
        body,
        idempotencyKey: `bench-${i}`,
        timeoutMs: 15_000,
        followRedirects: false,
        maxRedirects: 5,
        responseLimitBytes: 65_536,
        deferKey: `bench-${i}`,
      });
      return out.kind === 'delivered';
    };
    // Warm both paths up (JIT, connection pools) before measuring; then alternate halves so
    // that noise from other processes on the machine falls on both sides alike.
    await load(Math.min(500, total), concurrency, plain);
    await load(Math.min(500, total), concurrency, guardedSend);
    const half = Math.floor(total / 2);
    const b1 = await load(half, concurrency, plain);
    const g1 = await load(half, concurrency, guardedSend);
    const b2 = await load(half, concurrency, plain);
    const g2 = await load(half, concurrency, guardedSend);
    const merge = (/** @type {LoadResult} */ a, /** @type {LoadResult} */ b) => ({
      perSecond: Math.round((a.perSecond + b.perSecond) / 2),
      p50Ms: Math.max(a.p50Ms, b.p50Ms),
      p99Ms: Math.max(a.p99Ms, b.p99Ms),
      failures: a.failures + b.failures,
    });
    const baseline = merge(b1, b2);
    const guarded = merge(g1, g2);
    await agent.close();
    await delivery.close();
    await rcv.close();
    const ratio = +(guarded.perSecond / baseline.perSecond).toFixed(2);
    results[name] = { baseline, delivery: guarded, ratio };
    log(
      `delivery client, ${name}: ${guarded.perSecond}/s (p50 ${guarded.p50Ms} ms, p99 ${guarded.p99Ms} ms) vs plain undici ${baseline.perSecond}/s (p50 ${baseline.p50Ms} ms, p99 ${baseline.p99Ms} ms): ratio ${ratio}`,
    );
  }
  // With half the answers 500, the breaker stays closed (50 % < 70 %): nothing is held back.
  return results;
}

export default benchDelivery;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchDelivery().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
