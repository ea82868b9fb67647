import type { Db } from '../store/sqlite/database.js';
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

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const KEEP = 2 * DAY;
const SEP = '\u0000';

/**
 * Counts refusals per trigger in per-minute buckets in SQLite. Counts gather in memory and
 * are written in one transaction every few seconds (a flood of forged requests must not cost
 * an fsync each) and before every read, so reads are exact; at most `flushMs` of counts is
 * lost in a crash. Rows older than two days are pruned.
 */
export function createRejectionCounter(deps: { db: Db; clock: Clock; flushMs?: number }) {
  const pending = new Map<string, number>();
  const s = {
    add: deps.db.prepare(
      `INSERT INTO trigger_rejections (workflow_id, node_id, minute, reason, count) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (workflow_id, node_id, minute, reason) DO UPDATE SET count = count + excluded.count`,
    ),
    prune: deps.db.prepare('DELETE FROM trigger_rejections WHERE minute < ?'),
    rows: deps.db.prepare('SELECT node_id AS nodeId, minute, reason, count FROM trigger_rejections WHERE workflow_id = ? AND minute >= ?'),
  };
  let lastPrune = 0;

  const flush = () => {
    if (pending.size === 0) return;
    const batch = [...pending];
    pending.clear();
    const now = deps.clock.now();
    const write = deps.db.transaction(() => {
      for (const [key, n] of batch) {
        const [wf = '', node = '', minute = '0', reason = ''] = key.split(SEP);
        s.add.run(wf, node, Number(minute), reason, n);
      }
      if (now - lastPrune > 10 * MINUTE) {
        s.prune.run(Math.floor((now - KEEP) / MINUTE));
        lastPrune = now;
      }
    });
    try {
      write();
    } catch (err) {
      // Keep the counts for the next try (the database may be busy or read-only for a moment).
      for (const [key, n] of batch) if (pending.size < 10_000) pending.set(key, (pending.get(key) ?? 0) + n);
      throw err;
    }
  };
  const flushQuietly = () => {
    try {
      flush();
    } catch {
      // Retried on the next tick or read; a counter must never take ingest or the server down.
    }
  };
  const timer = setInterval(flushQuietly, deps.flushMs ?? 5_000);
  timer.unref();

  function statsOf(rows: Array<{ minute: number; reason: string; count: number }>, now: number): RejectionStats {
    const nowMinute = Math.floor(now / MINUTE);
    const out: RejectionStats = { lastHour: 0, lastDay: 0, byReason: {}, hourly: Array.from({ length: 24 }, () => 0), lastAt: null };
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
  function forWorkflow(workflowId: string): Record<string, RejectionStats> {
    flush();
    const now = deps.clock.now();
    const rows = s.rows.all(workflowId, Math.floor((now - DAY) / MINUTE)) as Array<{ nodeId: string; minute: number; reason: string; count: number }>;
    const byNode = new Map<string, typeof rows>();
    for (const r of rows) (byNode.get(r.nodeId) ?? byNode.set(r.nodeId, []).get(r.nodeId))?.push(r);
    return Object.fromEntries([...byNode].map(([node, list]) => [node, statsOf(list, now)]));
  }

  return {
    /** Counts one refusal; matches the ingest handler's `onRejected`. */
    record(workflowId: string, nodeId: string, reason: string): void {
      const key = [workflowId, nodeId, Math.floor(deps.clock.now() / MINUTE), reason.slice(0, 64)].join(SEP);
      pending.set(key, (pending.get(key) ?? 0) + 1);
      if (pending.size >= 1_000) flushQuietly();
    },
    forWorkflow,
    /** One trigger's counts (zeros when it refused nothing). */
    forTrigger: (workflowId: string, nodeId: string): RejectionStats => forWorkflow(workflowId)[nodeId] ?? statsOf([], deps.clock.now()),
    flush,
    /** Writes what is pending and stops the timer. */
    close(): void {
      clearInterval(timer);
      flush();
    },
  };
}
export type RejectionCounter = ReturnType<typeof createRejectionCounter>;
