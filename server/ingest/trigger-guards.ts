import type { Store } from '../store/ports/store.js';
import type { Clock } from '../lib/clock.js';
import type { IngressConfig } from './ingress-config.js';
import { clientAddressOf } from './client-address.js';
import { createTriggerLimiter, type RateLimit } from './rate-limit.js';
import { createRejectionInbox } from './rejection-inbox.js';
import { createRejectionList } from './rejection-list.js';

/**
 * What guards trigger URLs besides authentication: the client address as TRUST_PROXY says to
 * believe it, per-trigger rate limits, and the inbox of refused requests. Refusals are counted in
 * `counter` too, except 401s: the trigger verifier counts those itself (countingVerifier).
 */
export function createTriggerGuards(d: {
  store: Pick<Store, 'rejections'>;
  clock: Clock;
  ingress: IngressConfig;
  counter: { record(workflowId: string, nodeId: string, reason: string): void };
  /** This process's share of a trigger's limit when several web processes share the database (scale/rate-share.ts). */
  share?: (limit: RateLimit) => RateLimit;
}) {
  const inbox = createRejectionInbox({
    store: d.store,
    clock: d.clock,
    count: (r) => {
      if (r.status !== 401) d.counter.record(r.workflowId, r.nodeId, r.reason);
    },
  });
  return {
    limiter: createTriggerLimiter({ clock: d.clock, share: d.share }),
    inbox,
    list: createRejectionList({ store: d.store, clock: d.clock, inbox }),
    clientAddress: clientAddressOf(d.ingress.trustProxy),
    close: (): Promise<void> => inbox.close(),
  };
}
export type TriggerGuards = ReturnType<typeof createTriggerGuards>;
