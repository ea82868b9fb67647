// Process-local: one promise per key in this process's memory (docs/architecture.md). Across
// processes the store's refresh claim (OAuthPort.claimRefresh) does the same job.

/** Runs `work` once per key at a time: callers that arrive while it runs share its result. */
export function createSingleFlight<T>() {
  const inFlight = new Map<string, Promise<T>>();
  return (key: string, work: () => Promise<T>): Promise<T> => {
    const running = inFlight.get(key);
    if (running) return running;
    const p = work().finally(() => inFlight.delete(key));
    inFlight.set(key, p);
    return p;
  };
}
