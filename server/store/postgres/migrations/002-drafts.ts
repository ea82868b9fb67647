/**
 * Drafts and publishing, and run search by dedupe key (SQLite's 012 and 013): `current_version`
 * stays the newest saved version (the draft), `published_version` the one live trigger URLs
 * and schedules run. Existing workflows were live at their current version, so they start out
 * published there.
 */
export const drafts = `
ALTER TABLE workflows ADD COLUMN published_version INTEGER;
ALTER TABLE workflows ADD COLUMN published_at BIGINT;
ALTER TABLE workflows ADD COLUMN published_by TEXT;
ALTER TABLE workflows ADD COLUMN publish_message TEXT;
UPDATE workflows SET published_version = current_version, published_at = updated_at;
ALTER TABLE workflow_versions ADD COLUMN created_by_name TEXT;
CREATE INDEX events_dedupe_key ON events (dedupe_key) WHERE dedupe_key IS NOT NULL;
-- Run search by a value in the trigger: a stored body may be any bytes (a form post, a bad
-- body), so it is read as JSON only where it is valid UTF-8 JSON, and is NULL otherwise.
CREATE FUNCTION sy_try_jsonb(raw BYTEA) RETURNS JSONB LANGUAGE plpgsql IMMUTABLE AS $fn$
BEGIN
  RETURN convert_from(raw, 'UTF8')::jsonb;
EXCEPTION WHEN others THEN
  RETURN NULL;
END;
$fn$;
`;
