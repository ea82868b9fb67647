/**
 * Cancels told to this process lately, for the runs they name that start executing here next. A
 * claim and a cancel committed in the same group commit resolve in either order, so a cancel may be
 * told (`abortRun`) a moment before the claim's run is registered, or while an earlier execution
 * of the run, whose park has committed, is still registered. Once a claim says the run was
 * live (`ClaimedJob.runActive`), the executor does not read the run's status again before its
 * first step with side effects; such a cancel must still stop it, so the run starts aborted.
 * Bounded: entries older than `keepMs`, or past `max`, are dropped (oldest first).
 */
export function createEarlyCancels(now: () => number, o: { keepMs?: number; max?: number } = {}) {
  const keepMs = o.keepMs ?? 10_000;
  const max = o.max ?? 10_000;
  const told = new Map<string, number>();
  const prune = (at: number) => {
    for (const [runId, t] of told) {
      if (told.size <= max && at - t < keepMs) break;
      told.delete(runId);
    }
  };
  return {
    /** A cancel of a run, told to this process. */
    remember(runId: string): void {
      const at = now();
      told.delete(runId);
      told.set(runId, at);
      prune(at);
    },
    /** Whether a cancel of this run was told lately; forgets it. */
    take(runId: string): boolean {
      const t = told.get(runId);
      if (t === undefined) return false;
      told.delete(runId);
      return now() - t < keepMs;
    },
    get size() {
      return told.size;
    },
  };
}
