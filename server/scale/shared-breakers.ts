import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Coordination } from '../store/ports/coordination.js';
import type { BreakerChange, EndpointHealth } from '../delivery/endpoint-health.js';
import { parseNotice } from './parse-notice.js';
import { lazySchema } from '../../shared/lazy-schema.js';

const noticeSchema = lazySchema(() =>
  z.object({
    from: z.string(),
    origin: z.string().min(1),
    change: z.discriminatedUnion('phase', [z.object({ phase: z.literal('open'), forMs: z.number().min(0).max(86_400_000) }), z.object({ phase: z.literal('closed') })]),
  }),
);

/**
 * Circuit breakers shared by notice: each process counts its own attempts, and when its breaker
 * for an endpoint opens (or a probe closes it) it tells every process, which opens (or closes)
 * its own for the same endpoint. So a failing endpoint is held back by every worker as soon as
 * one has seen enough failures, without a database write per attempt. An open breaker carries
 * its remaining length, never a time from another machine's clock. A process that starts while
 * a breaker is open learns it from its own failures (or the next notice); after the open time
 * each worker lets one probe through (N probes with N workers, not one).
 */
export function shareBreakers(coordination: Coordination) {
  const self = randomUUID();
  let endpoints: Pick<EndpointHealth, 'adoptBreaker'> | undefined;
  const off = coordination.shared
    ? coordination.listen('breaker', (payload) => {
        const n = parseNotice(noticeSchema, payload);
        if (n && n.from !== self) endpoints?.adoptBreaker(n.origin, n.change);
      })
    : () => undefined;
  return {
    /** Called by this process's endpoint registry when one of its breakers moved. */
    onBreakerChange(origin: string, change: BreakerChange): void {
      if (coordination.shared) coordination.notify('breaker', JSON.stringify({ from: self, origin, change }));
    },
    /** The registry that follows the other processes' moves. */
    attach(registry: Pick<EndpointHealth, 'adoptBreaker'>): void {
      endpoints = registry;
    },
    close: off,
  };
}
export type SharedBreakers = ReturnType<typeof shareBreakers>;
