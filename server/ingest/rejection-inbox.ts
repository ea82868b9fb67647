import type { IncomingHttpHeaders } from 'node:http';
import type { Db } from '../store/sqlite/database.js';
import type { Clock } from '../lib/clock.js';

/** One refused request to a known trigger, as the inbox keeps it: never the body, never a credential. */
export interface RejectedRequest {
  workflowId: string;
  nodeId: string;
  /** The HTTP status it got (401, 403, 405, 413, 429, 400). */
  status: number;
  /** A stable reason code: `signature_mismatch`, `rate_limited`, `ip_not_allowed`, `body_too_large`, ... */
  reason: string;
  /** The client's address as TRUST_PROXY says to believe it; null when unknown. */
  source: string | null;
  method: string;
  /** Bytes received, or the declared Content-Length when the body was not read; null when unknown. */
  size: number | null;
  /** A few harmless headers (see `safeHeaders`). */
  headers: Record<string, string>;
}

/** A stored rejection, with its cursor id and time. */
export interface InboxItem extends RejectedRequest {
  id: number;
  at: number;
}

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
  db: Db;
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
 * one transaction a second, so a flood of refusals costs one commit a second, not one per
 * request. Per trigger at most `maxPerTrigger` rows are kept, in memory and on disk (the newest
 * win), and rows older than a day are pruned. A crash loses at most the last second's rows.
 */
export function createRejectionInbox(o: RejectionInboxOptions) {
  const maxPerTrigger = o.maxPerTrigger ?? 500;
  const keepMs = o.keepMs ?? DAY;
  const pending = new Map<string, Array<RejectedRequest & { at: number }>>();
  let pendingCount = 0;
  let lastPrune = 0;
  let scheduled = false;
  const s = {
    insert: o.db.prepare('INSERT INTO trigger_rejected_requests (workflow_id, node_id, at, status, reason, source, method, size, headers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    trim: o.db.prepare(
      `DELETE FROM trigger_rejected_requests WHERE workflow_id = ? AND node_id = ? AND id <= (
         SELECT id FROM trigger_rejected_requests WHERE workflow_id = ? AND node_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
    ),
    prune: o.db.prepare('DELETE FROM trigger_rejected_requests WHERE at < ?'),
  };

  const flush = (): void => {
    if (pendingCount === 0) return;
    const batch = [...pending.values()];
    pending.clear();
    pendingCount = 0;
    const now = o.clock.now();
    o.db.transaction(() => {
      for (const rows of batch) {
        for (const r of rows) s.insert.run(r.workflowId, r.nodeId, r.at, r.status, r.reason.slice(0, 64), r.source, r.method.slice(0, 16), r.size, JSON.stringify(r.headers));
        const first = rows[0];
        if (first) s.trim.run(first.workflowId, first.nodeId, first.workflowId, first.nodeId, maxPerTrigger);
      }
      if (now - lastPrune > 10 * 60_000) {
        s.prune.run(now - keepMs);
        lastPrune = now;
      }
    })();
  };
  const flushQuietly = () => {
    scheduled = false;
    try {
      flush();
    } catch {
      // The rows are lost (the counter still has the counts); the inbox must never take ingest down.
    }
  };
  const timer = setInterval(flushQuietly, o.flushMs ?? 1_000);
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
        setImmediate(flushQuietly);
      }
    },
    /** Writes what is pending now (reads call it, so they see every refusal so far). */
    flush,
    /** Writes what is pending and stops the timer. */
    close(): void {
      clearInterval(timer);
      flushQuietly();
    },
  };
}
export type RejectionInbox = ReturnType<typeof createRejectionInbox>;
