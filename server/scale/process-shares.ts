import type { Logger } from 'pino';
import type { Coordination } from '../store/ports/coordination.js';
import type { Rate } from '../delivery/rate-limiter.js';
import type { RateLimit } from '../ingest/rate-limit.js';
import { createRateShare, shareOfLimit, shareOfRate } from './rate-share.js';
import { shareBreakers } from './shared-breakers.js';

/**
 * What this process shares with the others for limits and breakers: its share of a delivery rate
 * (1/N of the live workers) and of a trigger limit (1/N of the live web processes), and its
 * breakers told to and taken from the others. With SQLite every share is the whole.
 */
export function createProcessShares(coordination: Coordination, logger: Logger) {
  const workers = createRateShare({ coordination, role: 'worker', logger });
  const web = createRateShare({ coordination, role: 'web', logger });
  const breakers = shareBreakers(coordination);
  return {
    /** For outbound delivery (io.ts). */
    delivery: { rateShare: (rate: Rate) => shareOfRate(rate, workers.divisor()), breakers },
    /** For trigger limits (trigger-guards.ts). */
    trigger: (limit: RateLimit) => shareOfLimit(limit, web.divisor()),
    close(): void {
      breakers.close();
      workers.close();
      web.close();
    },
  };
}
