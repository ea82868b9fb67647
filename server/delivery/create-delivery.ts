import type { Store } from '../store/ports/store.js';
import type { Clock } from '../lib/clock.js';
import type { BreakerSettings } from './circuit-breaker.js';
import { createDeliverer, type Deliverer } from './deliver.js';
import { createDeliveryClient, type DeliveryClient } from './delivery-client.js';
import { parseEgressAllowList, type EgressAllowList } from './egress-allow-list.js';
import { createEgressGuard, type EgressGuard, type Lookup } from './egress-guard.js';
import { createEndpointHealth, type BreakerChange, type EndpointHealth } from './endpoint-health.js';
import type { Rate } from './rate-limiter.js';

/** Everything outbound delivery is made of, built once by the composition root. */
export interface Delivery {
  guard: EgressGuard;
  client: DeliveryClient;
  endpoints: EndpointHealth;
  deliverer: Deliverer;
  /** Waits for stored marks and closes pooled connections (call on shutdown, after the workers stop). */
  close(): Promise<void>;
}

export interface DeliveryDeps {
  clock: Clock;
  /** `EGRESS_ALLOW` as given, already parsed, or a live list read on every check (Settings). */
  egressAllow: string | EgressAllowList | (() => EgressAllowList);
  /** Persists "disabled by 410" (call `endpoints.load()` once before delivering); without it the mark lasts until restart. */
  store?: Pick<Store, 'endpoints'>;
  /** Told when storing a disabled mark failed. */
  onStoreError?: (err: unknown) => void;
  lookup?: Lookup;
  connectTimeoutMs?: number;
  breaker?: BreakerSettings;
  /** Several workers: this process's share of a rate limit, and its breaker moves told to the others. */
  rateShare?: (rate: Rate) => Rate;
  onBreakerChange?: (origin: string, change: BreakerChange) => void;
}

/** Builds the guard, the client, the endpoint registry and the deliverer. Throws on a bad `EGRESS_ALLOW`. */
export function createDelivery(deps: DeliveryDeps): Delivery {
  const allowList = typeof deps.egressAllow === 'string' ? parseEgressAllowList(deps.egressAllow) : deps.egressAllow;
  const guard = createEgressGuard({ allowList, lookup: deps.lookup });
  const client = createDeliveryClient({ guard, connectTimeoutMs: deps.connectTimeoutMs });
  const endpoints = createEndpointHealth({
    clock: deps.clock,
    store: deps.store?.endpoints,
    onStoreError: deps.onStoreError,
    breaker: deps.breaker,
    rateShare: deps.rateShare,
    onBreakerChange: deps.onBreakerChange,
  });
  const deliverer = createDeliverer({ client, endpoints, guard, clock: deps.clock });
  const close = async () => {
    await endpoints.settled();
    await client.close();
  };
  return { guard, client, endpoints, deliverer, close };
}
