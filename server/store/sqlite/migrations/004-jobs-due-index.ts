/**
 * "Due jobs of one workflow, oldest first": lets a claim find the next jobs of each workflow
 * with free slots by an index search instead of walking the whole backlog.
 */
export const jobsDueIndex = `
CREATE INDEX jobs_due ON jobs (workflow_id, run_at) WHERE status IN ('queued', 'retry_wait');
`;
