import type { Logger } from 'pino';
import type { Coordination } from '../store/ports/coordination.js';
import type { Rate } from '../delivery/rate-limiter.js';
import type { RateLimit } from '../ingest/rate-limit.js';

/**
 * Rate limits across processes by division: each of N live processes of a role applies 1/N of a
 * limit (web processes a trigger's limit, workers an endpoint's delivery limit), so their sum is
 * the limit. Chosen over one shared bucket in PostgreSQL because it costs nothing per request
 * (a trigger's default limit applies to every request: a shared bucket would add a round trip to
 * each 202 and make the limit fail with the database); the price is that a process gets only its
 * share even when the others are idle. docs/scale-out.md says more.
 */
export interface RateShare {
  /** N: the live processes of the role, at least 1. */
  divisor(): number;
  close(): void;
}

/** One process's share of an endpoint's delivery rate: a burst of at least one. */
export const shareOfRate = (rate: Rate, n: number): Rate => (n <= 1 ? rate : { perSecond: rate.perSecond / n, burst: Math.max(1, Math.floor(rate.burst / n)) });

/** One process's share of a trigger's limit: a burst of at least one. */
export const shareOfLimit = (limit: RateLimit, n: number): RateLimit => (n <= 1 ? limit : { ...limit, requests: limit.requests / n, burst: Math.max(1, Math.floor(limit.burst / n)) });

/**
 * Counts the live processes of `role` at start, whenever one joins (its 'members' notice) and
 * every `refreshMs` (one that died stops counting when PostgreSQL ends its session). With SQLite
 * the divisor is 1.
 */
export function createRateShare(d: { coordination: Coordination; role: 'web' | 'worker'; logger: Logger; refreshMs?: number }): RateShare {
  let n = 1;
  if (!d.coordination.shared) return { divisor: () => 1, close: () => undefined };
  const count = () =>
    void d.coordination.liveProcesses(d.role).then(
      (live) => (n = Math.max(1, live)),
      (err: unknown) => d.logger.warn({ err }, `could not count the live ${d.role} processes; the rate shares stay as they were`),
    );
  const off = d.coordination.listen('members', count);
  const timer = setInterval(count, d.refreshMs ?? 5_000);
  timer.unref();
  count();
  return {
    divisor: () => n,
    close() {
      off();
      clearInterval(timer);
    },
  };
}
