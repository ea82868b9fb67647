// (c), second half: the receiver fails half the time and the http step keeps its default
// schedule (5 s, then 5 min, 30 min, ...). Waiting for the 5-minute retry would outlast the
// bench, so this checks what can be checked in seconds: once every run has had its first two
// attempts, each acknowledged event is either delivered or waiting in the durable queue.
import { listRuns } from './lib/api.mjs';
import { closedLoop } from './lib/load.mjs';
import { nowMs, sleep } from './lib/stats.mjs';

/** A run whose next attempt is further away than this waits for the third attempt (5 min). */
const LATER_MS = 60_000;

/** @param {{ server: { base: string, key: string }, workflowId: string, url: string, receiver: Awaited<ReturnType<import('./lib/receiver.mjs').startReceiver>>, total: number, capMs?: number }} o */
export async function measureDefaultSchedule({ server, workflowId, url, receiver, total, capMs = 40_000 }) {
  await receiver.reset(0.5);
  const load = await closedLoop({ url, connections: 50, maxRequests: total, durationMs: 60_000 });
  const deadline = nowMs() + capMs;
  let active;
  let waiting;
  let soon;
  // Settle: nothing queued or running, and every waiting run is waiting for its third attempt.
  for (;;) {
    const now = Date.now();
    waiting = await listRuns(server, workflowId, 'waiting');
    soon = waiting.filter((r) => r.wakeAt === null || r.wakeAt < now + LATER_MS).length;
    active = (await listRuns(server, workflowId, 'queued')).length + (await listRuns(server, workflowId, 'running')).length;
    if (active + soon === 0 || nowMs() > deadline) break;
    await sleep(250);
  }
  const stats = await receiver.stats();
  const delivered = new Set(await receiver.ids());
  const deliveredOfAcked = load.ackedIds.filter((n) => delivered.has(n)).length;
  return {
    events: total,
    acked: load.acked,
    delivered: deliveredOfAcked,
    waitingForRetry: waiting.length - soon,
    notSettled: active + soon,
    lost: Math.max(0, load.acked - deliveredOfAcked - waiting.length - active),
    receiverAnswers: { ok: stats.ok, failed: stats.failed },
    settledAfterMs: Math.round(nowMs() - load.lastAckAt),
    expectedWaitingShare: 0.25,
  };
}
