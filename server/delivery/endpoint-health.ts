// Per-process state: breakers and rate limits per endpoint are this process's own view of its
// health; with several workers a breaker that opens or closes tells the others (onBreakerChange,
// adoptBreaker) and each applies its share of a rate limit (rateShare); docs/scale-out.md.
import { createHash } from 'node:crypto';
import type { Clock } from '../lib/clock.js';
import type { EndpointPort } from '../store/ports/endpoints.js';
import { convoyBreaker, createCircuitBreaker, type BreakerPhase, type BreakerSettings, type CircuitBreaker } from './circuit-breaker.js';
import { createTokenBucket, type Rate, type TokenBucket } from './rate-limiter.js';

/** Whether a delivery to an endpoint may go now. */
export type Admission = { kind: 'go'; probe: boolean } | { kind: 'wait'; until: number; code: 'circuit_open' | 'rate_limited'; reason: string } | { kind: 'disabled'; since: number; reason: string };

/** How an attempt went, for the breaker: `neutral` ones (refused by the guard, cancelled) are not counted. */
export interface Observation {
  outcome: 'success' | 'failure' | 'neutral';
  probe: boolean;
  status?: number;
  error?: string;
}

/** An endpoint's health as the API shows it. Times are epoch milliseconds. */
export interface EndpointView {
  id: string;
  origin: string;
  /** healthy: closed breaker; failing: open; recovering: half-open; disabled: after 410, until re-enabled. */
  state: 'healthy' | 'failing' | 'recovering' | 'disabled';
  breaker: BreakerPhase;
  recent: { windowMs: number; requests: number; failures: number; failureRate: number };
  nextAttemptAt: number | null;
  rateLimit: Rate | null;
  queued: number;
  lastStatus: number | null;
  lastError: string | null;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  disabledAt: number | null;
  disabledReason: string | null;
}

/** A breaker's move that other processes follow: opened (for so long, a length, not another machine's time) or closed. */
export type BreakerChange = { phase: 'open'; forMs: number } | { phase: 'closed' };

/** Breakers, rate limits and the disabled mark of every endpoint (origin) this process delivers to. */
export interface EndpointHealth {
  /** Follows another process's breaker for `origin` (its own moves are told through `onBreakerChange`). */
  adoptBreaker(origin: string, change: BreakerChange): void;
  admit(origin: string, opts: { rateLimit?: Rate; deferKey: string }): Admission;
  record(origin: string, obs: Observation): void;
  /** Disables an endpoint at once (and durably, in the background, when a store is given) until a person re-enables it. */
  disable(origin: string, reason: string): void;
  /** Re-enables by id or origin at once; resolves (null when unknown) once that is stored. */
  enable(idOrOrigin: string): Promise<EndpointView | null>;
  get(idOrOrigin: string): EndpointView | null;
  /** The id and state only: cheap enough for every attempt's record. */
  brief(origin: string): { id: string; origin: string; state: EndpointView['state'] };
  list(): EndpointView[];
  /** Loads the endpoints stored as disabled (call once at start, before delivering). */
  load(): Promise<void>;
  /** Resolves once every background write started so far has finished (shutdown). */
  settled(): Promise<void>;
}

interface Entry {
  id: string;
  origin: string;
  breaker: CircuitBreaker;
  bucket: TokenBucket;
  rate: Rate | null;
  lastStatus: number | null;
  lastError: string | null;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  lastUsedAt: number;
  disabledAt: number | null;
  disabledReason: string | null;
}

/** A stable, URL-safe id for an origin, so routes need not carry `https://` in a path segment. */
export function endpointId(origin: string): string {
  return `ep_${createHash('sha256').update(origin).digest('hex').slice(0, 16)}`;
}

const stateOf = (disabledAt: number | null, phase: BreakerPhase): EndpointView['state'] =>
  disabledAt !== null ? 'disabled' : phase === 'open' ? 'failing' : phase === 'half-open' ? 'recovering' : 'healthy';

/** Creates the registry; `load` reads the disabled endpoints from the store. */
export function createEndpointHealth(deps: {
  clock: Clock;
  store?: EndpointPort;
  /** Told when a disable could not be stored (the mark still holds in this process until restart). */
  onStoreError?: (err: unknown) => void;
  breaker?: BreakerSettings;
  maxTracked?: number;
  /** This process's share of an endpoint's rate limit when several workers deliver (scale/rate-share.ts). */
  rateShare?: (rate: Rate) => Rate;
  /** This process's breaker for an origin opened or closed (told to the other processes). */
  onBreakerChange?: (origin: string, change: BreakerChange) => void;
}): EndpointHealth {
  const settings = deps.breaker ?? convoyBreaker;
  const maxTracked = deps.maxTracked ?? 10_000;
  const entries = new Map<string, Entry>();
  const byId = new Map<string, string>();

  const entry = (origin: string): Entry => {
    let e = entries.get(origin);
    if (!e) {
      if (entries.size >= maxTracked) evictIdle();
      e = {
        id: endpointId(origin),
        origin,
        breaker: createCircuitBreaker(settings),
        bucket: createTokenBucket(),
        rate: null,
        lastStatus: null,
        lastError: null,
        lastSuccessAt: null,
        lastFailureAt: null,
        lastUsedAt: deps.clock.now(),
        disabledAt: null,
        disabledReason: null,
      };
      entries.set(origin, e);
      byId.set(e.id, origin);
    }
    return e;
  };
  // Origins come from user templates, so their number is unbounded: forget the idle, healthy ones first.
  const evictIdle = (): void => {
    const now = deps.clock.now();
    for (const [origin, e] of entries) {
      if (entries.size < maxTracked * 0.9) break;
      if (e.disabledAt === null && e.breaker.snapshot(now).phase === 'closed' && e.bucket.pending() === 0) {
        entries.delete(origin);
        byId.delete(e.id);
      }
    }
  };
  const find = (idOrOrigin: string): Entry | undefined => entries.get(byId.get(idOrOrigin) ?? idOrOrigin);

  const view = (e: Entry): EndpointView => {
    const now = deps.clock.now();
    const b = e.breaker.snapshot(now);
    const rateAt = e.rate ? e.bucket.nextFreeAt(now, e.rate) : null;
    const state = stateOf(e.disabledAt, b.phase);
    const waits = [b.nextAttemptAt, rateAt].filter((t): t is number => t !== null);
    return {
      id: e.id,
      origin: e.origin,
      state,
      breaker: b.phase,
      recent: { windowMs: settings.windowMs, requests: b.requests, failures: b.failures, failureRate: Math.round(b.failureRate * 1000) / 1000 },
      nextAttemptAt: e.disabledAt !== null ? null : waits.length ? Math.max(...waits) : null,
      rateLimit: e.rate,
      queued: e.bucket.pending(),
      lastStatus: e.lastStatus,
      lastError: e.lastError,
      lastSuccessAt: e.lastSuccessAt,
      lastFailureAt: e.lastFailureAt,
      disabledAt: e.disabledAt,
      disabledReason: e.disabledReason,
    };
  };

  // Background writes of `disable` (the deliverer must not wait on the store), awaited at shutdown.
  const writes = new Set<Promise<void>>();
  const inBackground = (write: Promise<unknown>) => {
    const p = write.then(
      () => undefined,
      (err: unknown) => deps.onStoreError?.(err),
    );
    writes.add(p);
    void p.finally(() => writes.delete(p));
  };

  return {
    admit(origin, opts) {
      const now = deps.clock.now();
      const e = entry(origin);
      e.lastUsedAt = now;
      if (e.disabledAt !== null) return { kind: 'disabled', since: e.disabledAt, reason: e.disabledReason ?? 'disabled' };
      const b = e.breaker.admit(now);
      if (!b.allow) {
        return { kind: 'wait', until: b.until, code: 'circuit_open', reason: `${origin} is failing (circuit open): held back, no attempt spent` };
      }
      if (opts.rateLimit) {
        // This process's share (several workers), which the endpoint's view then shows.
        const rate = deps.rateShare ? deps.rateShare(opts.rateLimit) : opts.rateLimit;
        e.rate = rate;
        const t = e.bucket.take(now, rate, opts.deferKey);
        if (!t.ok) {
          if (b.probe) e.breaker.releaseProbe();
          return { kind: 'wait', until: t.until, code: 'rate_limited', reason: `${origin} is limited to ${opts.rateLimit.perSecond}/s: queued, no attempt spent` };
        }
      }
      return { kind: 'go', probe: b.probe };
    },

    record(origin, obs) {
      const now = deps.clock.now();
      const e = entry(origin);
      if (obs.status !== undefined) e.lastStatus = obs.status;
      if (obs.outcome === 'neutral') {
        if (obs.probe) e.breaker.releaseProbe();
        return;
      }
      const before = e.breaker.phase(now);
      e.breaker.record(now, obs.outcome === 'success', obs.probe);
      const after = e.breaker.snapshot(now);
      if (after.phase === 'open' && before !== 'open') deps.onBreakerChange?.(origin, { phase: 'open', forMs: (after.nextAttemptAt ?? now) - now });
      else if (after.phase === 'closed' && before !== 'closed') deps.onBreakerChange?.(origin, { phase: 'closed' });
      if (obs.outcome === 'success') e.lastSuccessAt = now;
      else {
        e.lastFailureAt = now;
        e.lastError = obs.error ?? null;
      }
    },

    adoptBreaker(origin, change) {
      const e = entry(origin);
      if (change.phase === 'open') e.breaker.forceOpen(deps.clock.now() + Math.max(0, change.forMs));
      else if (e.breaker.phase(deps.clock.now()) !== 'closed') e.breaker = createCircuitBreaker(settings);
    },

    disable(origin, reason) {
      const now = deps.clock.now();
      const e = entry(origin);
      e.disabledAt = now;
      e.disabledReason = reason;
      if (deps.store) inBackground(deps.store.disable({ id: e.id, origin, at: now, reason }));
    },

    async enable(idOrOrigin) {
      const e = find(idOrOrigin);
      if (!e) return null;
      e.disabledAt = null;
      e.disabledReason = null;
      e.breaker = createCircuitBreaker(settings);
      await deps.store?.enable(e.id, deps.clock.now());
      return view(e);
    },

    get: (idOrOrigin) => {
      const e = find(idOrOrigin);
      return e ? view(e) : null;
    },

    brief(origin) {
      const e = entry(origin);
      const phase = e.breaker.phase(deps.clock.now());
      return { id: e.id, origin, state: stateOf(e.disabledAt, phase) };
    },

    list: () => [...entries.values()].sort((a, b) => b.lastUsedAt - a.lastUsedAt).map(view),

    async load() {
      for (const row of (await deps.store?.listDisabled()) ?? []) {
        const e = entry(row.origin);
        e.disabledAt = row.disabledAt;
        e.disabledReason = row.disabledReason;
      }
    },

    async settled() {
      await Promise.all([...writes]);
    },
  };
}
