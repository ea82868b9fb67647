// Per-process state: failed sign-ins are counted in this process's memory (docs/architecture.md).
import type { Clock } from '../lib/clock.js';

/** Limits for failed sign-ins within a sliding window. */
export interface ThrottleLimits {
  windowMs: number;
  /** Failures for one account from one address. */
  perAccount: number;
  /** Failures from one address over all accounts (password spraying). */
  perIp: number;
  /** Keys remembered at most; the oldest are dropped first, so memory stays bounded under a flood. */
  maxKeys: number;
}

export const defaultThrottleLimits: ThrottleLimits = { windowMs: 15 * 60_000, perAccount: 5, perIp: 30, maxKeys: 10_000 };

/**
 * An in-memory sliding-window counter of failed sign-ins per address+account and per address.
 * While either is full, sign-in is refused (even with the right password) until the oldest
 * failure leaves the window; a success clears the address+account counter.
 */
export function createSignInThrottle(clock: Clock, limits: ThrottleLimits = defaultThrottleLimits) {
  const failures = new Map<string, number[]>();

  const recent = (key: string, now: number): number[] => {
    const list = (failures.get(key) ?? []).filter((t) => t > now - limits.windowMs);
    if (list.length) failures.set(key, list);
    else failures.delete(key);
    return list;
  };
  const wait = (list: number[], max: number, now: number): number => {
    if (list.length < max) return 0;
    const oldest = list[list.length - max] ?? now;
    return Math.max(1, oldest + limits.windowMs - now);
  };
  const keys = (ip: string, account: string) => [`a:${ip}|${account.trim().toLowerCase()}`, `i:${ip}`] as const;

  return {
    /** Milliseconds to wait before trying again, or 0 when a try is allowed now. */
    retryAfterMs(ip: string, account: string): number {
      const now = clock.now();
      const [a, i] = keys(ip, account);
      return Math.max(wait(recent(a, now), limits.perAccount, now), wait(recent(i, now), limits.perIp, now));
    },
    failed(ip: string, account: string): void {
      const now = clock.now();
      for (const key of keys(ip, account)) {
        const list = recent(key, now);
        list.push(now);
        // Only the newest `max` failures matter for the limit.
        failures.set(key, list.slice(-Math.max(limits.perAccount, limits.perIp)));
      }
      while (failures.size > limits.maxKeys) {
        const first = failures.keys().next().value;
        if (first === undefined) break;
        failures.delete(first);
      }
    },
    succeeded(ip: string, account: string): void {
      failures.delete(keys(ip, account)[0]);
    },
    /** How many counters are held (bounded by `maxKeys`). */
    size: () => failures.size,
  };
}
export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
