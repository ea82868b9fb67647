// Per-process state: a waiting request and the run that answers it must meet in this process;
// docs/architecture.md says how the reply crosses processes (a stored reply and a notification).
/**
 * In-process rendezvous between a trigger request that waits (Respond step, test listening)
 * and whoever answers it. Keyed by run id or by trigger; nothing durable lives here.
 */
export function createWaiters<T>() {
  const waiting = new Map<string, Set<(value: T) => void>>();
  return {
    /** Waits for `key` up to `timeoutMs`; resolves undefined on timeout. */
    wait(key: string, timeoutMs: number): Promise<T | undefined> {
      return new Promise((resolve) => {
        const set = waiting.get(key) ?? new Set();
        waiting.set(key, set);
        const done = (value: T | undefined) => {
          clearTimeout(timer);
          set.delete(deliver);
          if (set.size === 0 && waiting.get(key) === set) waiting.delete(key);
          resolve(value);
        };
        const deliver = (value: T) => done(value);
        const timer = setTimeout(() => done(undefined), timeoutMs);
        set.add(deliver);
      });
    },
    /** Hands a value to everyone waiting on `key`; false when nobody was. */
    deliver(key: string, value: T): boolean {
      const set = waiting.get(key);
      if (!set?.size) return false;
      for (const d of [...set]) d(value);
      return true;
    },
    has: (key: string) => (waiting.get(key)?.size ?? 0) > 0,
  };
}
