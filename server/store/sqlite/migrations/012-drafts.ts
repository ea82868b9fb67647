/**
 * Drafts and publishing: `current_version` stays the newest saved version (the draft), and
 * `published_version` is the one live trigger URLs and schedules run (null until published).
 * Existing workflows were live at their current version, so they start out published there.
 * `created_by_name` keeps who saved a version, for the "changed by whom, when" of a conflict.
 */
export const drafts = `
ALTER TABLE workflows ADD COLUMN published_version INTEGER;
ALTER TABLE workflows ADD COLUMN published_at INTEGER;
ALTER TABLE workflows ADD COLUMN published_by TEXT;
ALTER TABLE workflows ADD COLUMN publish_message TEXT;
UPDATE workflows SET published_version = current_version, published_at = updated_at;
ALTER TABLE workflow_versions ADD COLUMN created_by_name TEXT;
`;
