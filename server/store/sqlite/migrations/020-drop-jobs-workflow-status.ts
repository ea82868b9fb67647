/**
 * `jobs_workflow_status` (workflow, status) serves no statement on SQLite: the running count
 * per workflow reads `jobs_ready`, and due jobs are found through `jobs_due` and `jobs_parked`.
 * Every status change of a job still moved its entry, two pages of every claim, park and end:
 * a failed delivery attempt (a claim and a park) wrote four pages for it. PostgreSQL keeps its
 * own: its claim function counts a workflow's running jobs through it.
 */
export const dropJobsWorkflowStatus = `
DROP INDEX IF EXISTS jobs_workflow_status;
`;
