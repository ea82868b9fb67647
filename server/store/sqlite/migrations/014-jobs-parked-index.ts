/**
 * "Due parked jobs of one workflow": a run put aside for a retry, a delay or a child run is
 * claimed before fresh work once it is due (job-repo.ts `claim`). Parked jobs are few, so this
 * index is small; without it, finding them would walk every queued job of the workflow.
 */
export const jobsParkedIndex = `
CREATE INDEX jobs_parked ON jobs (workflow_id, run_at) WHERE status = 'retry_wait';
`;
