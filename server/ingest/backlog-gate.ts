import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';

/** How much accepted work may wait to start before trigger URLs push back; null: no bound. */
export interface BacklogLimits {
  /** Runs waiting to start (queued jobs). */
  maxQueued: number | null;
  /** Their events' bytes, estimated as the count times the mean size of recent events. */
  maxQueuedBytes: number | null;
  /** Past this many, each trigger request waits a little before it is read (see `paceDelayMs`); null: never. */
  paceQueued: number | null;
}

/** Why a request is turned away, with how long the sender should wait. */
export interface BacklogFull {
  queued: number;
  queuedBytes: number;
  limit: 'events' | 'bytes';
  retryAfterSeconds: number;
}

/** What the gate knows between two samples of the queue. */
export interface BacklogState {
  /** Queued jobs at the last sample, plus every event accepted since (a claim since is not seen yet: the estimate errs high). */
  queued: number;
  /** Mean body size of recent events, in bytes. */
  meanBytes: number;
  /** Jobs leaving the queue per second, measured between the last two samples. */
  drainPerSecond: number;
}

const MAX_RETRY_AFTER_S = 60;

/**
 * The verdict, pure: past either bound the sender is told to come back when the excess should
 * have drained at the rate measured (1 to 60 s; 60 when nothing drains).
 */
export function backlogVerdict(s: BacklogState, limits: BacklogLimits): BacklogFull | null {
  const queuedBytes = Math.round(s.queued * s.meanBytes);
  const overEvents = limits.maxQueued !== null && s.queued >= limits.maxQueued;
  const overBytes = limits.maxQueuedBytes !== null && queuedBytes >= limits.maxQueuedBytes;
  if (!overEvents && !overBytes) return null;
  const limit = overEvents ? 'events' : 'bytes';
  // Come back once a tenth of the bound has drained below it.
  const target = overEvents ? (limits.maxQueued as number) * 0.9 : ((limits.maxQueuedBytes as number) * 0.9) / Math.max(1, s.meanBytes);
  const excess = Math.max(1, s.queued - target);
  const wait = s.drainPerSecond > 0 ? Math.ceil(excess / s.drainPerSecond) : MAX_RETRY_AFTER_S;
  return { queued: s.queued, queuedBytes, limit, retryAfterSeconds: Math.min(MAX_RETRY_AFTER_S, Math.max(1, wait)) };
}

/** The longest a request is held back by pacing. */
export const MAX_PACE_MS = 2_000;

/**
 * How long a trigger request waits before it is read, pure: nothing under the pacing
 * threshold, then in proportion to the excess, up to MAX_PACE_MS at twice the threshold. A
 * sender that keeps a fixed number of requests open (every provider's retry queue, a load
 * generator) is thereby slowed to about the rate the workers drain the queue, and the
 * executions keep their share of the CPU instead of being starved by ingest; a short burst
 * under the threshold is absorbed at full speed, as durable ingest promises.
 */
export function paceDelayMs(queued: number, paceQueued: number | null): number {
  if (paceQueued === null || queued <= paceQueued) return 0;
  return Math.min(MAX_PACE_MS, Math.ceil((MAX_PACE_MS * (queued - paceQueued)) / paceQueued));
}

export interface BacklogGateDeps {
  limits: BacklogLimits;
  /** Queued jobs now, from storage (shared by every process on the same database). */
  queuedJobs: () => Promise<number>;
  clock: Clock;
  logger: Logger;
  /** Told of each request turned away (for metrics). */
  onFull?: () => void;
  sampleEveryMs?: number;
}

/**
 * The bound on acknowledged work that waits to run: absorbing a burst into the durable queue is
 * the point of durable ingest, but past the bound a sender is better told to retry later than
 * acknowledged for work that would wait for hours. The queue is sampled from storage four
 * times a second (a count, never per request); events accepted since are added on the way, so a burst
 * between samples is counted at once.
 */
export function createBacklogGate(d: BacklogGateDeps) {
  const every = d.sampleEveryMs ?? 250;
  const state: BacklogState = { queued: 0, meanBytes: 0, drainPerSecond: 0 };
  let acceptedSince = 0;
  let last = { at: d.clock.now(), queued: 0 };
  let timer: NodeJS.Timeout | undefined;
  let sampling = false;

  const sample = async () => {
    if (sampling) return; // a slow count must not pile up behind itself
    sampling = true;
    try {
      // Events accepted while the count is in flight may not be in it: they stay counted on top.
      const counted = acceptedSince;
      const queued = await d.queuedJobs();
      const at = d.clock.now();
      const seconds = Math.max(0.001, (at - last.at) / 1000);
      state.drainPerSecond = Math.max(0, last.queued + counted - queued) / seconds;
      acceptedSince -= counted;
      state.queued = queued + acceptedSince;
      last = { at, queued };
    } catch (err) {
      d.logger.warn({ err }, 'could not sample the run queue for the backlog bound');
    } finally {
      sampling = false;
    }
  };

  return {
    enabled: d.limits.maxQueued !== null || d.limits.maxQueuedBytes !== null || d.limits.paceQueued !== null,
    /** How long this request should wait before it is read (0: at once). */
    paceMs: (): number => paceDelayMs(state.queued, d.limits.paceQueued),
    /** Null when the request may go on; otherwise why not. */
    check(): BacklogFull | null {
      const full = backlogVerdict(state, d.limits);
      if (full) d.onFull?.();
      return full;
    },
    /** Counts an event stored since the last sample, and its size into the mean. */
    accepted(bytes: number): void {
      acceptedSince++;
      state.queued++;
      state.meanBytes = state.meanBytes === 0 ? bytes : state.meanBytes * 0.95 + bytes * 0.05;
    },
    async start(): Promise<void> {
      if (!this.enabled) return;
      await sample();
      timer = setInterval(() => void sample(), every);
      timer.unref();
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}
export type BacklogGate = ReturnType<typeof createBacklogGate>;
