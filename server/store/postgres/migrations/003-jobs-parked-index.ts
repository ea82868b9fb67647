/** SQLite's 014: due parked jobs of one workflow, claimed before fresh work (engine/claim-order.ts). */
export const jobsParkedIndex = `
CREATE INDEX jobs_parked ON jobs (workflow_id, run_at) WHERE status = 'retry_wait';
`;
