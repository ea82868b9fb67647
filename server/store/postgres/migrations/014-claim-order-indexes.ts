/**
 * The due-job indexes gain run_id, the claim's tie-break (`ORDER BY run_at, run_id`), so a claim
 * reads a workflow's first due jobs straight from the index in claim order. Without it, on a
 * table the planner has not analyzed since it filled (a burst into a fresh database, before
 * autovacuum's next ANALYZE), it expected one row and sorted every waiting job of the workflow
 * on every claim: 4 ms per claim at 4,500 waiting jobs, against 0.2 ms read in order.
 */
export const claimOrderIndexes = `
DROP INDEX jobs_due;
CREATE INDEX jobs_due ON jobs (workflow_id, run_at, run_id) WHERE status IN ('queued', 'retry_wait');
DROP INDEX jobs_parked;
CREATE INDEX jobs_parked ON jobs (workflow_id, run_at, run_id) WHERE status = 'retry_wait';
`;
