/** Timers as a dependency, so tests can drive the scheduler with a fake clock. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  // Unref'd: the HTTP server keeps the process alive, a schedule alone should not.
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface WakeLoopDeps {
  /** One planning pass; it calls `wakeAt` with when it wants the next one. */
  pass: () => Promise<void>;
  now: () => number;
  timers: Timers;
  /** The longest the timer sleeps, so a jump of the wall clock is noticed within this. */
  maxSleepMs: number;
}

/**
 * One timer and one pass at a time: a wake while a pass runs asks for exactly one more pass
 * after it, so passes never overlap and a change is never lost.
 */
export function createWakeLoop(d: WakeLoopDeps) {
  let timer: unknown;
  let at: number | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  const kick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await d.pass();
        } while (again && !stopped);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const wakeAt = (when: number | null): void => {
    if (timer !== undefined) d.timers.clear(timer);
    timer = undefined;
    at = when;
    if (stopped || when === null) return;
    const delay = Math.min(d.maxSleepMs, Math.max(0, when - d.now()));
    timer = d.timers.set(() => {
      timer = undefined;
      void kick();
    }, delay);
  };

  return {
    /** Runs a pass now, or once more after the one in progress; resolves when idle. */
    kick,
    /** Sets the one timer for `when` (null: no timer). */
    wakeAt,
    /** When the timer fires next, or null. */
    next: (): number | null => at,
    start(): void {
      stopped = false;
    },
    /** No more passes; resolves once a pass in progress is done. */
    async stop(): Promise<void> {
      stopped = true;
      wakeAt(null);
      await running;
    },
  };
}
