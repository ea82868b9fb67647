import type { IncomingHttpHeaders } from 'node:http';
import type { RejectedRequest } from '../store/ports/rejections.js';
import type { Store } from '../store/ports/store.js';
import type { Clock } from '../lib/clock.js';

// The records live beside the rejection port; ingest and the routes import them from here.
export type { InboxItem, RejectedRequest } from '../store/ports/rejections.js';

/** The only headers kept: enough to recognise a sender, nothing that authenticates one. */
const SAFE_HEADERS = ['user-agent', 'content-type', 'content-length', 'x-forwarded-for'] as const;
const MAX_HEADER_CHARS = 200;

/** Picks the safe headers of a request, each cut to 200 characters. */
export function safeHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of SAFE_HEADERS) {
    const v = headers[name];
    const text = Array.isArray(v) ? v.join(', ') : v;
    if (text !== undefined) out[name] = text.length > MAX_HEADER_CHARS ? `${text.slice(0, MAX_HEADER_CHARS)}…` : text;
  }
  return out;
}

/** The size a refused request claimed: its Content-Length when it is a plain number, else null. */
export function declaredSize(headers: IncomingHttpHeaders): number | null {
  const v = headers['content-length'];
  return v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : null;
}

export interface RejectionInboxOptions {
  store: Pick<Store, 'rejections'>;
  clock: Clock;
  /** Told of each rejection, for the per-minute counter. */
  count?: (r: RejectedRequest) => void;
  /** Rows kept per trigger (the newest). */
  maxPerTrigger?: number;
  /** How often pending rows are written. */
  flushMs?: number;
  /** How long rows are kept. */
  keepMs?: number;
}

const DAY = 24 * 3600_000;
/**
 * Pending rows that bring the write forward. A flood on one trigger never reaches it (its rows
 * are a ring of `maxPerTrigger`), so it costs one write a second; only many triggers at once do.
 */
const FLUSH_AT = 5_000;
/** Triggers with pending rows; past this, new triggers' rows wait for the next write (they are still counted). */
const MAX_PENDING_TRIGGERS = 1_000;

/**
 * The inbox of refused requests. Ingest calls `record` (memory only, O(1)); rows are written in
 * one unit of work a second (`rejections.addRequests`), so a flood of refusals costs one commit a
 * second, not one per request. Per trigger at most `maxPerTrigger` rows are kept, in memory and on disk (the newest
 * win), and rows older than a day are pruned. A crash loses at most the last second's rows.
 */
export function createRejectionInbox(o: RejectionInboxOptions) {
  const maxPerTrigger = o.maxPerTrigger ?? 500;
  const keepMs = o.keepMs ?? DAY;
  const pending = new Map<string, Array<RejectedRequest & { at: number }>>();
  let pendingCount = 0;
  let lastPrune = 0;
  let scheduled = false;

  /** Writes what is pending now (a failed write loses those rows: the counter still has their counts). */
  const writePending = async (): Promise<void> => {
    if (pendingCount === 0) return;
    const batch = [...pending.values()].flat();
    pending.clear();
    pendingCount = 0;
    const now = o.clock.now();
    const prune = now - lastPrune > 10 * 60_000;
    if (prune) lastPrune = now;
    await o.store.rejections.addRequests(batch, maxPerTrigger, prune ? now - keepMs : null);
  };
  // Writes go one after another, and a flush waits for the write under way: a read that flushes
  // (rejection-list.ts) found nothing pending while the timer's write of the same rows was still
  // uncommitted, and listed none of them.
  let writing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    const next = writing.then(writePending, writePending);
    writing = next.catch(() => undefined);
    return next;
  };
  const flushQuietly = () => {
    scheduled = false;
    return flush().catch(() => {
      // The rows are lost (the counter still has the counts); the inbox must never take ingest down.
    });
  };
  const timer = setInterval(() => void flushQuietly(), o.flushMs ?? 1_000);
  timer.unref();

  return {
    /** Notes a refusal; written within a second. Never throws and never blocks on the database. */
    record(r: RejectedRequest): void {
      o.count?.(r);
      const key = `${r.workflowId}\u0000${r.nodeId}`;
      let rows = pending.get(key);
      if (!rows) {
        if (pending.size >= MAX_PENDING_TRIGGERS) return;
        pending.set(key, (rows = []));
      }
      if (rows.length >= maxPerTrigger) rows.shift();
      else pendingCount++;
      rows.push({ ...r, at: o.clock.now() });
      if (pendingCount >= FLUSH_AT && !scheduled) {
        scheduled = true;
        setImmediate(() => void flushQuietly());
      }
    },
    /** Writes what is pending now (reads call it, so they see every refusal so far). */
    flush,
    /** Writes what is pending and stops the timer. */
    async close(): Promise<void> {
      clearInterval(timer);
      await flushQuietly();
    },
  };
}
export type RejectionInbox = ReturnType<typeof createRejectionInbox>;
