// Sends `total` events through a trigger URL and waits until the receiver has every one of
// them (or the cap passes), then reports deliveries per second, the lag of the last delivery
// behind the last acknowledgement, and whether any acknowledged event is missing.
import { closedLoop } from './load.mjs';
import { nowMs, round, sleep, steadyRate } from './stats.mjs';

/**
 * `cpuMs` reads the CPU time of the process under test, so the result also says how much CPU
 * it spent per delivered event.
 * @param {{ url: string, receiver: Awaited<ReturnType<import('./receiver.mjs').startReceiver>>, total: number,
 *   connections?: number, capMs?: number, failRate?: number, cpuMs?: () => number | null }} o
 */
export async function measureDeliveries({ url, receiver, total, connections = 50, capMs = 60_000, failRate = 0, cpuMs = () => null }) {
  await receiver.reset(failRate);
  const cpu0 = cpuMs();
  const load = await closedLoop({ url, connections, maxRequests: total, durationMs: capMs });
  const deadline = load.startedAt + capMs;
  let stats = await receiver.stats();
  while (stats.distinct < load.acked && nowMs() < deadline) {
    await sleep(20);
    stats = await receiver.stats();
  }
  const cpu1 = cpuMs();
  const delivered = new Set(await receiver.ids());
  const missing = load.ackedIds.filter((n) => !delivered.has(n)).length;
  const end = stats.lastOkAt ?? nowMs();
  const seconds = (end - load.startedAt) / 1000;
  return {
    events: total,
    acked: load.acked,
    ackPerSecond: load.perSecond,
    ackP50Ms: load.p50Ms,
    ackP99Ms: load.p99Ms,
    delivered: stats.distinct,
    missing,
    complete: missing === 0,
    duplicates: stats.duplicates,
    receiverAnswers: { ok: stats.ok, failed: stats.failed },
    seconds: round(seconds, 2),
    deliveriesPerSecond: Math.round(stats.distinct / seconds),
    steadyPerSecond: steadyRate(await receiver.times()),
    lastDeliveryLagMs: stats.lastOkAt ? Math.round(stats.lastOkAt - load.lastAckAt) : null,
    cpuMsPerEvent: cpu0 === null || cpu1 === null || !stats.distinct ? null : round((cpu1 - cpu0) / stats.distinct, 3),
  };
}

/** Pools rounds of the same delivery measurement (rates over summed time, worst lag, all losses). */
export function mergeDeliveryRounds(rounds) {
  const sum = (k) => rounds.reduce((n, r) => n + (r[k] ?? 0), 0);
  const seconds = sum('seconds');
  const cpu = rounds.every((r) => r.cpuMsPerEvent !== null) ? rounds.reduce((n, r) => n + r.cpuMsPerEvent * r.delivered, 0) : null;
  return {
    rounds: rounds.length,
    events: sum('events'),
    acked: sum('acked'),
    ackPerSecond: Math.round(rounds.reduce((n, r) => n + r.ackPerSecond, 0) / rounds.length),
    ackP50Ms: Math.max(...rounds.map((r) => r.ackP50Ms)),
    ackP99Ms: Math.max(...rounds.map((r) => r.ackP99Ms)),
    delivered: sum('delivered'),
    missing: sum('missing'),
    complete: rounds.every((r) => r.complete),
    duplicates: sum('duplicates'),
    receiverAnswers: { ok: rounds.reduce((n, r) => n + r.receiverAnswers.ok, 0), failed: rounds.reduce((n, r) => n + r.receiverAnswers.failed, 0) },
    seconds: round(seconds, 2),
    deliveriesPerSecond: seconds > 0 ? Math.round(sum('delivered') / seconds) : 0,
    deliveriesPerSecondByRound: rounds.map((r) => r.deliveriesPerSecond),
    steadyPerSecond: rounds.every((r) => r.steadyPerSecond) ? Math.round(rounds.reduce((n, r) => n + r.steadyPerSecond, 0) / rounds.length) : null,
    lastDeliveryLagMs: Math.max(...rounds.map((r) => r.lastDeliveryLagMs ?? Infinity)),
    cpuMsPerEvent: cpu === null || !sum('delivered') ? null : round(cpu / sum('delivered'), 3),
  };
}

/** One line for the log. */
export const describe = (name, r) =>
  `${name}: ${r.deliveriesPerSecond} deliveries/s (${r.delivered}/${r.acked} acked events delivered in ${r.seconds} s, ` +
  `last ${r.lastDeliveryLagMs} ms after the last ack, ${r.missing} missing, ${r.duplicates} duplicates; acks ${r.ackPerSecond}/s p99 ${r.ackP99Ms} ms` +
  `${r.cpuMsPerEvent === null ? '' : `; ${r.cpuMsPerEvent} ms CPU per event`})`;

/**
 * Throughput under a sustained load: the closed loop runs for `durationMs`, and the figure is the
 * deliveries the receiver answered 200 while the load lasted, per second, after its first
 * `warmupMs` (a steady state: with a failing receiver, the first retries only start coming back
 * after a retry delay or two). A burst of a fixed size ends with the retry chains of its unluckiest
 * events (about log2(events) retries), which measures the retry schedule's latency rather than
 * what failed attempts cost; under a sustained load those chains overlap the new events and the
 * rate is the engine's. Then it waits (up to `capMs`) until every acknowledged event has arrived,
 * so a loss still shows, and says how long the last one took after the load.
 * @param {{ url: string, receiver: Awaited<ReturnType<import('./receiver.mjs').startReceiver>>, durationMs: number, warmupMs: number,
 *   connections?: number, capMs?: number, failRate?: number, cpuMs?: () => number | null }} o
 */
export async function measureSustainedDeliveries({ url, receiver, durationMs, warmupMs, connections = 50, capMs = 60_000, failRate = 0, cpuMs = () => null }) {
  await receiver.reset(failRate);
  const cpu0 = cpuMs();
  const load = await closedLoop({ url, connections, durationMs });
  const loadEnd = load.startedAt + load.seconds * 1000;
  const deadline = loadEnd + capMs;
  let stats = await receiver.stats();
  while (stats.distinct < load.acked && nowMs() < deadline) {
    await sleep(20);
    stats = await receiver.stats();
  }
  const cpu1 = cpuMs();
  const times = await receiver.times();
  const steadyFrom = load.startedAt + warmupMs;
  const duringLoad = times.filter((t) => t >= load.startedAt && t <= loadEnd).length;
  const steady = times.filter((t) => t >= steadyFrom && t <= loadEnd).length;
  const delivered = new Set(await receiver.ids());
  return {
    loadSeconds: load.seconds,
    acked: load.acked,
    ackPerSecond: load.perSecond,
    ackP99Ms: load.p99Ms,
    deliveredDuringLoad: duringLoad,
    perSecondDuringLoad: Math.round(duringLoad / load.seconds),
    warmupSeconds: warmupMs / 1000,
    steadyPerSecond: loadEnd > steadyFrom ? Math.round(steady / ((loadEnd - steadyFrom) / 1000)) : null,
    delivered: stats.distinct,
    missing: load.ackedIds.filter((n) => !delivered.has(n)).length,
    duplicates: stats.duplicates,
    receiverAnswers: { ok: stats.ok, failed: stats.failed },
    lastDeliveryAfterLoadMs: stats.lastOkAt ? Math.max(0, Math.round(stats.lastOkAt - loadEnd)) : null,
    cpuMsPerEvent: cpu0 === null || cpu1 === null || !stats.distinct ? null : round((cpu1 - cpu0) / stats.distinct, 3),
  };
}

/**
 * Rounds of one sustained measurement, taken in turns with another, as one: rates are the means of
 * the rounds' rates, counts their sums, the worst latency and lag of any round.
 */
export function mergeSustainedRounds(rounds) {
  const sum = (k) => rounds.reduce((n, r) => n + (r[k] ?? 0), 0);
  const mean = (k) => Math.round(sum(k) / rounds.length);
  const cpu = rounds.every((r) => r.cpuMsPerEvent !== null) && sum('delivered') ? round(rounds.reduce((n, r) => n + r.cpuMsPerEvent * r.delivered, 0) / sum('delivered'), 3) : null;
  return {
    rounds: rounds.length,
    loadSeconds: round(sum('loadSeconds') / rounds.length, 2),
    acked: sum('acked'),
    ackPerSecond: mean('ackPerSecond'),
    ackP99Ms: Math.max(...rounds.map((r) => r.ackP99Ms)),
    deliveredDuringLoad: sum('deliveredDuringLoad'),
    perSecondDuringLoad: mean('perSecondDuringLoad'),
    warmupSeconds: rounds[0].warmupSeconds,
    steadyPerSecond: rounds.every((r) => r.steadyPerSecond !== null) ? mean('steadyPerSecond') : null,
    steadyPerSecondByRound: rounds.map((r) => r.steadyPerSecond),
    delivered: sum('delivered'),
    missing: sum('missing'),
    duplicates: sum('duplicates'),
    receiverAnswers: { ok: rounds.reduce((n, r) => n + r.receiverAnswers.ok, 0), failed: rounds.reduce((n, r) => n + r.receiverAnswers.failed, 0) },
    lastDeliveryAfterLoadMs: Math.max(...rounds.map((r) => r.lastDeliveryAfterLoadMs ?? Infinity)),
    cpuMsPerEvent: cpu,
  };
}

/** One line for the log, for a sustained measurement. */
export const describeSustained = (name, r) =>
  `${name}: ${r.steadyPerSecond} deliveries/s${r.rounds ? ` (rounds: ${r.steadyPerSecondByRound.join(', ')})` : ''} after the first ${r.warmupSeconds} s of ${r.loadSeconds} s of load` +
  ` (${r.perSecondDuringLoad}/s over all of it, ${r.deliveredDuringLoad} of ${r.acked} acked events; ` +
  `all delivered ${r.lastDeliveryAfterLoadMs} ms after the load, ${r.missing} missing, ${r.duplicates} duplicates; acks ${r.ackPerSecond}/s p99 ${r.ackP99Ms} ms` +
  `${r.cpuMsPerEvent === null ? '' : `; ${r.cpuMsPerEvent} ms CPU per event`})`;
