import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './client-address.js';
import { parseRateLimit, type RateLimit } from './rate-limit.js';
import type { BacklogLimits } from './backlog-gate.js';

/** Parses with `parse`, turning its thrown message into a config issue (loadConfig lists them all). */
const parsedWith = <T>(parse: (text: string) => T) =>
  z.string().transform((text, ctx) => {
    try {
      return parse(text);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
      return z.NEVER;
    }
  });

/** A positive whole number, or `off` (null). */
const offOrCount = (fallback: number, max: number) => z.union([z.literal('off').transform(() => null), z.coerce.number().int().min(1).max(max)]).default(fallback);

const ms = (fallback: number, max: number) => z.coerce.number().int().min(100).max(max).default(fallback);

/** The environment variables of the front door (trigger URLs and the HTTP server); merged into config.ts. */
export const ingressEnv = {
  /** Which proxies to believe about X-Forwarded-For: empty (none), a hop count, or their addresses / CIDRs. */
  TRUST_PROXY: parsedWith(parseTrustProxy).default({ kind: 'none' }),
  /**
   * Every trigger's rate limit unless it sets its own: `5000/s`, `600/min`, or `off`. The default sits
   * above what one server ingests durably, so a lone busy trigger is never held below the machine's
   * pace (overload is the backlog gate's job); it turns a flood away at the door, where a 429 costs
   * a fraction of a stored event.
   */
  TRIGGER_RATE_LIMIT: z.string().default('5000/s'),
  /** Requests the default limit lets through at once. */
  TRIGGER_RATE_BURST: z.coerce.number().int().min(1).max(1_000_000).default(5_000),
  /** Time a client has to send its request headers (slow-header attacks end here with 408). */
  HEADERS_TIMEOUT_MS: ms(10_000, 600_000),
  /** Time a client has to send a whole request, body included (a trickled body ends here). */
  REQUEST_TIMEOUT_MS: ms(30_000, 3_600_000),
  /** Runs waiting to start before trigger URLs answer 503 with Retry-After: a number, or `off`. */
  INGEST_MAX_BACKLOG: offOrCount(100_000, 1_000_000_000),
  /** The same bound in megabytes of waiting events (estimated from the count and recent sizes), or `off`. */
  INGEST_MAX_BACKLOG_MB: offOrCount(2_048, 10_000_000),
  /** Runs waiting to start past which trigger requests are read a little later (up to 2 s), or `off`. */
  INGEST_PACE_BACKLOG: offOrCount(1_000, 1_000_000_000),
};

/** The front door's settings, parsed once at start. */
export interface IngressConfig {
  trustProxy: TrustProxy;
  /** The rate limit of triggers that set none; null: unlimited. */
  defaultRateLimit: RateLimit | null;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** How much accepted work may wait to run before trigger URLs push back. */
  backlog: BacklogLimits;
}

type IngressEnv = { [K in keyof typeof ingressEnv]: z.output<(typeof ingressEnv)[K]> };

/** Builds the settings from the parsed environment; throws a message naming the variable when they do not fit together. */
export function ingressConfig(e: IngressEnv): IngressConfig {
  let defaultRateLimit: RateLimit | null;
  try {
    defaultRateLimit = parseRateLimit(e.TRIGGER_RATE_LIMIT, e.TRIGGER_RATE_BURST);
  } catch (err) {
    throw new Error(`Invalid configuration:\n  ${err instanceof Error ? err.message : String(err)}`);
  }
  if (e.HEADERS_TIMEOUT_MS > e.REQUEST_TIMEOUT_MS) {
    throw new Error('Invalid configuration:\n  HEADERS_TIMEOUT_MS must not be larger than REQUEST_TIMEOUT_MS.');
  }
  const backlog = { maxQueued: e.INGEST_MAX_BACKLOG, maxQueuedBytes: e.INGEST_MAX_BACKLOG_MB === null ? null : e.INGEST_MAX_BACKLOG_MB * 1_048_576, paceQueued: e.INGEST_PACE_BACKLOG };
  return { trustProxy: e.TRUST_PROXY, defaultRateLimit, headersTimeoutMs: e.HEADERS_TIMEOUT_MS, requestTimeoutMs: e.REQUEST_TIMEOUT_MS, backlog };
}
