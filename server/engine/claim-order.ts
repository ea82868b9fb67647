/** What a claim knows of a due job when it chooses between them. */
export interface ClaimCandidate {
  runAt: number;
  /** The job waited for a time (a retry's backoff, a delay, a child run): its run has started. */
  parked?: boolean;
}

/**
 * The order in which due jobs are claimed, the same on every store: parked runs before fresh
 * ones, then oldest due first. A run that has started finishes before new runs start, which
 * keeps the work in progress small; and a retry's backoff or a delay is not stretched by
 * whatever backlog was queued while it waited (behind a burst, a retry chain would otherwise
 * wait for the whole burst at every attempt). Starvation is bounded: parked runs are finite,
 * each retry chain ends at its step's attempt limit.
 */
export function claimOrder(a: ClaimCandidate, b: ClaimCandidate): number {
  if (Boolean(a.parked) !== Boolean(b.parked)) return a.parked ? -1 : 1;
  return a.runAt - b.runAt;
}
