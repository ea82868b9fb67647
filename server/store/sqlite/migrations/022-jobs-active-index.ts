/**
 * `jobs_ready` (status, run_at) held an entry for every job ever run: a run's end moved its job's
 * entry into the `succeeded` or `failed` part, which only grew with the history, and was written
 * (a leaf page) by every commit that ended a run. No statement reads those parts: the running
 * counts, the next due time, the queue depth and the lease sweeps ask for unfinished jobs only.
 * `jobs_active` indexes those alone, so a run's end removes its entry and the index stays the
 * size of the backlog. SQLite uses a partial index only for a statement whose WHERE repeats the
 * index's own, so the statements of job-repo.ts and queue-stats-repo.ts say
 * `status IN ('queued', 'running', 'retry_wait')` before narrowing it.
 */
export const jobsActiveIndex = `
DROP INDEX IF EXISTS jobs_ready;
CREATE INDEX jobs_active ON jobs (status, run_at) WHERE status IN ('queued', 'running', 'retry_wait');
`;
