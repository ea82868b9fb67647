/**
 * Runs started by other runs. A sub-workflow step starts a child run (`parent_run_id`,
 * `parent_node_id`; `parent_waits` when the step waits for its result) one level deeper
 * (`depth`, which bounds recursion). An error workflow's run names the failed run it reports
 * on (`error_of`); such runs, and runs they start, never start another error workflow.
 */
export const runTree = `
ALTER TABLE runs ADD COLUMN parent_run_id TEXT;
ALTER TABLE runs ADD COLUMN parent_node_id TEXT;
ALTER TABLE runs ADD COLUMN parent_waits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN depth INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN error_of TEXT;
CREATE INDEX runs_parent ON runs (parent_run_id) WHERE parent_run_id IS NOT NULL;
`;
