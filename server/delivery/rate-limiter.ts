/** A rate: `perSecond` on average, up to `burst` at once. */
export interface Rate {
  perSecond: number;
  burst: number;
}

/**
 * A token bucket (as GCRA: one "theoretical arrival time") that queues instead of dropping:
 * a request over the rate is given the next free slot and told to come back then; the slot
 * is kept for it under its key, so coming back it goes through instead of queueing again.
 */
export interface TokenBucket {
  take(now: number, rate: Rate, key: string): { ok: true } | { ok: false; until: number };
  /** When the next request without a slot could go; null when one could go now. */
  nextFreeAt(now: number, rate: Rate): number | null;
  /** Slots handed out and not yet used. */
  pending(): number;
}

/** A slot not claimed this long after its time is given up (the run was cancelled, the server restarted). */
const SLOT_GRACE_MS = 60_000;

/** Creates an empty (full) bucket. */
export function createTokenBucket(): TokenBucket {
  let tat = 0; // the time the bucket would be empty again at the current pace
  const slots = new Map<string, number>();

  const prune = (now: number): void => {
    if (slots.size < 256) return;
    for (const [k, at] of slots) if (at + SLOT_GRACE_MS < now) slots.delete(k);
  };

  return {
    take(now, rate, key) {
      const slot = slots.get(key);
      if (slot !== undefined) {
        if (now >= slot) {
          slots.delete(key);
          return { ok: true };
        }
        return { ok: false, until: slot };
      }
      prune(now);
      const interval = 1000 / rate.perSecond;
      const tolerance = (rate.burst - 1) * interval;
      const start = Math.max(tat, now);
      if (start - tolerance <= now) {
        tat = start + interval;
        return { ok: true };
      }
      const until = Math.ceil(start - tolerance);
      tat = start + interval;
      slots.set(key, until);
      return { ok: false, until };
    },

    nextFreeAt(now, rate) {
      const interval = 1000 / rate.perSecond;
      const at = Math.ceil(tat - (rate.burst - 1) * interval);
      return at > now ? at : null;
    },

    pending: () => slots.size,
  };
}
