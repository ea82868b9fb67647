/** When a breaker opens and how it recovers. */
export interface BreakerSettings {
  /** Failures are counted over this sliding window, in buckets of `bucketMs`. */
  windowMs: number;
  bucketMs: number;
  /** The breaker never opens on fewer requests than this in the window. */
  minRequests: number;
  /** Opens when failures / requests reaches this. */
  failureRatio: number;
  /** How long it stays open before one probe is let through (half-open). */
  openMs: number;
  /** A probe that never reports back (a crash) frees its slot after this. */
  probeLeaseMs: number;
  /** Others wait this long while a probe is out. */
  halfOpenWaitMs: number;
}

/** Convoy's defaults: at least 10 requests in 5 minutes failing at 70 % or more; half-open after 30 s. */
export const convoyBreaker: BreakerSettings = {
  windowMs: 300_000,
  bucketMs: 10_000,
  minRequests: 10,
  failureRatio: 0.7,
  openMs: 30_000,
  probeLeaseMs: 20_000,
  halfOpenWaitMs: 5_000,
};

export type BreakerPhase = 'closed' | 'open' | 'half-open';

/** What the health API shows of a breaker. */
export interface BreakerSnapshot {
  phase: BreakerPhase;
  requests: number;
  failures: number;
  failureRate: number;
  /** When the next delivery may go (open or half-open with a probe out); null when closed. */
  nextAttemptAt: number | null;
}

/** A per-endpoint breaker. Time is passed in, so it is deterministic under a manual clock. */
export interface CircuitBreaker {
  admit(now: number): { allow: true; probe: boolean } | { allow: false; until: number };
  record(now: number, ok: boolean, probe: boolean): void;
  /** Gives back a probe slot that was not used (the request was held back by something else). */
  releaseProbe(): void;
  snapshot(now: number): BreakerSnapshot;
  /** The phase alone, without counting the window. */
  phase(now: number): BreakerPhase;
  /** Opens until `until` because another process's breaker for the same endpoint opened. */
  forceOpen(until: number): void;
}

interface Bucket {
  start: number;
  ok: number;
  failed: number;
}

/** Creates a closed breaker. */
export function createCircuitBreaker(settings: BreakerSettings = convoyBreaker): CircuitBreaker {
  let phase: BreakerPhase = 'closed';
  let openUntil = 0;
  let probeUntil = 0;
  let buckets: Bucket[] = [];

  const prune = (now: number): void => {
    const from = now - settings.windowMs;
    if (buckets.length > 0 && (buckets[0]?.start ?? now) <= from) buckets = buckets.filter((b) => b.start > from);
  };
  const totals = (now: number): { requests: number; failures: number } => {
    prune(now);
    let requests = 0;
    let failures = 0;
    for (const b of buckets) {
      requests += b.ok + b.failed;
      failures += b.failed;
    }
    return { requests, failures };
  };
  const open = (now: number): void => {
    phase = 'open';
    openUntil = now + settings.openMs;
    probeUntil = 0;
  };

  return {
    admit(now) {
      if (phase === 'open') {
        if (now < openUntil) return { allow: false, until: openUntil };
        phase = 'half-open';
      }
      if (phase === 'half-open') {
        if (now < probeUntil) return { allow: false, until: Math.min(probeUntil, now + settings.halfOpenWaitMs) };
        probeUntil = now + settings.probeLeaseMs;
        return { allow: true, probe: true };
      }
      return { allow: true, probe: false };
    },

    record(now, ok, probe) {
      const start = now - (now % settings.bucketMs);
      let last = buckets[buckets.length - 1];
      if (!last || last.start !== start) {
        last = { start, ok: 0, failed: 0 };
        buckets.push(last);
      }
      if (ok) last.ok++;
      else last.failed++;
      if (probe && phase === 'half-open') {
        if (ok) {
          phase = 'closed';
          buckets = [];
        } else open(now);
        return;
      }
      if (phase !== 'closed' || ok) return;
      const { requests, failures } = totals(now);
      if (requests >= settings.minRequests && failures / requests >= settings.failureRatio) open(now);
    },

    releaseProbe() {
      probeUntil = 0;
    },

    forceOpen(until) {
      phase = 'open';
      openUntil = until;
      probeUntil = 0;
    },

    phase: (now) => (phase === 'open' && now >= openUntil ? 'half-open' : phase),

    snapshot(now) {
      const { requests, failures } = totals(now);
      const failureRate = requests === 0 ? 0 : failures / requests;
      const nextAttemptAt = phase === 'open' ? openUntil : phase === 'half-open' && now < probeUntil ? probeUntil : null;
      return { phase: phase === 'open' && now >= openUntil ? 'half-open' : phase, requests, failures, failureRate, nextAttemptAt };
    },
  };
}
