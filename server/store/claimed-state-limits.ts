/**
 * How much of a run a claim reads ahead for the worker (ClaimedJob.state), on every store: at
 * most this many stored step attempts, and this many bytes of their JSON fields and the event's
 * body together. A claim keeps its locks (PostgreSQL) or its group commit (SQLite) until that
 * read is done, so a run past either bound (a long loop, a large payload) is left for the
 * worker to read after the claim, as every run was before. The usual run is far below both: a
 * fresh run has no steps yet, a retried one a few.
 */
export const CLAIMED_STATE_LIMITS = { steps: 64, bytes: 256 * 1024 } as const;
