/**
 * Run search at scale (SQLite's 019, and more): the failed step's error code as an indexed
 * expression, and the parsed trigger body in a GIN index (jsonb_path_ops: hashes of each
 * path with its value), so `where=trigger.body.a.b=v` finds older runs by containment instead
 * of reading every body. sy_try_jsonb is NULL for a body that is not JSON: nothing is indexed.
 */
export const runSearchIndexes = `
CREATE INDEX runs_error_cause ON runs ((error::jsonb ->> 'cause'), created_at DESC, id DESC) WHERE error IS NOT NULL;
CREATE INDEX events_body_json ON events USING gin (sy_try_jsonb(body) jsonb_path_ops);
`;
