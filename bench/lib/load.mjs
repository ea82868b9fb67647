// A closed-loop load generator on undici: `connections` clients, each with its own keep-alive
// connection, send the next request as soon as the previous one is answered. Bounded: it stops
// at `durationMs` or after `maxRequests`, whichever comes first. Traffic goes to 127.0.0.1 only.
import { Pool } from 'undici';
import { nowMs, quantile, round } from './stats.mjs';

const items = [
  { sku: 'SKU-1001', qty: 2, price: 1250 },
  { sku: 'SKU-2002', qty: 1, price: 4999 },
];

/** A realistic small webhook payload (about 250 bytes) carrying a unique `n`. */
export function payload(n) {
  return JSON.stringify({ n, type: 'order.paid', id: `ord_${n}`, status: 'paid', amount: 7499, currency: 'EUR', customer: { id: 'cus_42', email: 'ada@example.com' }, items });
}

/**
 * Runs the loop against `url` (must be on 127.0.0.1). Returns throughput of acknowledged (2xx)
 * requests, latency percentiles, the acknowledged `n`s and the time of the last acknowledgement.
 * @param {{ url: string, connections: number, durationMs?: number, maxRequests?: number, firstN?: number }} o
 */
export async function closedLoop({ url, connections, durationMs = 60_000, maxRequests = Infinity, firstN = 0 }) {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`the bench only sends to 127.0.0.1, not ${target.hostname}`);
  const pool = new Pool(target.origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const headers = { 'content-type': 'application/json' };
  const path = target.pathname + target.search;
  const latencies = [];
  const acked = [];
  const statuses = {};
  let errors = 0;
  const errorSamples = new Set();
  let sent = 0;
  let lastAckAt = 0;
  const t0 = nowMs();
  const deadline = t0 + durationMs;

  const client = async () => {
    while (sent < maxRequests && nowMs() < deadline) {
      const n = firstN + sent++;
      const start = nowMs();
      try {
        const res = await pool.request({ path, method: 'POST', headers, body: payload(n) });
        await res.body.dump();
        const end = nowMs();
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode >= 200 && res.statusCode < 300) {
          latencies.push(end - start);
          acked.push(n);
          lastAckAt = end;
        }
      } catch (err) {
        errors++;
        if (errorSamples.size < 3) errorSamples.add(String(err?.code ?? err?.message ?? err));
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  const seconds = (nowMs() - t0) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  return {
    connections,
    sent,
    acked: acked.length,
    errors,
    errorSamples: [...errorSamples],
    statuses,
    seconds: round(seconds, 2),
    perSecond: Math.round(acked.length / seconds),
    p50Ms: round(quantile(latencies, 0.5)),
    p99Ms: round(quantile(latencies, 0.99)),
    maxMs: round(latencies.at(-1) ?? 0),
    startedAt: t0,
    lastAckAt,
    ackedIds: acked,
    latencies,
  };
}

/**
 * Pools several rounds of the same measurement: throughput over the summed time, percentiles
 * over every latency. Drops the bulky arrays, so the result can go into the JSON file.
 */
export function mergeRounds(rounds) {
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const acked = rounds.reduce((n, r) => n + r.acked, 0);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const statuses = {};
  for (const r of rounds) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    connections: rounds[0]?.connections,
    rounds: rounds.length,
    sent: rounds.reduce((n, r) => n + r.sent, 0),
    acked,
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    errorSamples: [...new Set(rounds.flatMap((r) => r.errorSamples))].slice(0, 3),
    statuses,
    seconds: round(seconds, 2),
    perSecond: seconds > 0 ? Math.round(acked / seconds) : 0,
    perSecondByRound: rounds.map((r) => r.perSecond),
    p50Ms: round(quantile(latencies, 0.5)),
    p99Ms: round(quantile(latencies, 0.99)),
    maxMs: round(latencies.at(-1) ?? 0),
  };
}
