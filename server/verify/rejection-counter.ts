import type { RejectionCount } from '../store/ports/rejections.js';
import type { Store } from '../store/ports/store.js';
import type { Clock } from '../lib/clock.js';

/** Refused requests of one trigger, as the editor shows them ("12 rejected signatures in the last hour"). */
export interface RejectionStats {
  lastHour: number;
  lastDay: number;
  /** Counts of the last day by reason code (`signature_mismatch`, `timestamp_out_of_range`, ...). */
  byReason: Record<string, number>;
  /** The last 24 hours, oldest first, one count per hour. */
  hourly: number[];
  /** The start of the minute of the latest refusal (epoch ms), or null. */
  lastAt: number | null;
}

/** The stats of a trigger that refused nothing in the last day. */
export const noRejections = (): RejectionStats => ({ lastHour: 0, lastDay: 0, byReason: {}, hourly: Array.from({ length: 24 }, () => 0), lastAt: null });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const KEEP = 2 * DAY;
const SEP = '\u0000';

/**
 * Counts refusals per trigger in per-minute buckets in the store. Counts gather in memory and
 * are written in one unit of work (`rejections.addCounts`) every few seconds (a flood of forged
 * requests must not cost an fsync each) and before every read, so reads are exact; at most `flushMs` of counts is
 * lost in a crash. Rows older than two days are pruned.
 */
export function createRejectionCounter(deps: { store: Pick<Store, 'rejections'>; clock: Clock; flushMs?: number }) {
  const pending = new Map<string, number>();
  let lastPrune = 0;

  /** Writes what is pending now; on failure the counts go back to pending (and the promise rejects). */
  const flush = async (): Promise<void> => {
    if (pending.size === 0) return;
    const batch = [...pending];
    pending.clear();
    const now = deps.clock.now();
    const counts: RejectionCount[] = batch.map(([key, count]) => {
      const [workflowId = '', nodeId = '', minute = '0', reason = ''] = key.split(SEP);
      return { workflowId, nodeId, minute: Number(minute), reason, count };
    });
    const prune = now - lastPrune > 10 * MINUTE;
    try {
      await deps.store.rejections.addCounts(counts, prune ? Math.floor((now - KEEP) / MINUTE) : null);
      if (prune) lastPrune = now;
    } catch (err) {
      // Keep the counts for the next try (the database may be busy or read-only for a moment).
      for (const [key, n] of batch) if (pending.size < 10_000) pending.set(key, (pending.get(key) ?? 0) + n);
      throw err;
    }
  };
  const flushQuietly = () =>
    flush().catch(() => {
      // Retried on the next tick or read; a counter must never take ingest or the server down.
    });
  const timer = setInterval(() => void flushQuietly(), deps.flushMs ?? 5_000);
  timer.unref();

  function statsOf(rows: Array<{ minute: number; reason: string; count: number }>, now: number): RejectionStats {
    const nowMinute = Math.floor(now / MINUTE);
    const out = noRejections();
    for (const r of rows) {
      const age = nowMinute - r.minute;
      if (age < 0 || age >= 24 * 60) continue;
      out.lastDay += r.count;
      if (age < 60) out.lastHour += r.count;
      out.byReason[r.reason] = (out.byReason[r.reason] ?? 0) + r.count;
      const slot = 23 - Math.floor(age / 60);
      out.hourly[slot] = (out.hourly[slot] ?? 0) + r.count;
      out.lastAt = Math.max(out.lastAt ?? 0, r.minute * MINUTE);
    }
    return out;
  }

  /** Every trigger of a workflow that refused something in the last day, by node id. */
  async function forWorkflow(workflowId: string): Promise<Record<string, RejectionStats>> {
    await flush();
    const now = deps.clock.now();
    const rows = await deps.store.rejections.countsSince(workflowId, Math.floor((now - DAY) / MINUTE));
    const byNode = new Map<string, typeof rows>();
    for (const r of rows) (byNode.get(r.nodeId) ?? byNode.set(r.nodeId, []).get(r.nodeId))?.push(r);
    return Object.fromEntries([...byNode].map(([node, list]) => [node, statsOf(list, now)]));
  }

  return {
    /** Counts one refusal; matches the ingest handler's `onRejected`. */
    record(workflowId: string, nodeId: string, reason: string): void {
      const key = [workflowId, nodeId, Math.floor(deps.clock.now() / MINUTE), reason.slice(0, 64)].join(SEP);
      pending.set(key, (pending.get(key) ?? 0) + 1);
      if (pending.size >= 1_000) void flushQuietly();
    },
    forWorkflow,
    /** One trigger's counts (zeros when it refused nothing). */
    forTrigger: async (workflowId: string, nodeId: string): Promise<RejectionStats> => (await forWorkflow(workflowId))[nodeId] ?? noRejections(),
    flush,
    /** Writes what is pending and stops the timer. */
    async close(): Promise<void> {
      clearInterval(timer);
      await flush();
    },
  };
}
export type RejectionCounter = ReturnType<typeof createRejectionCounter>;
