/**
 * Trigger hardening: rotated tokens that still work during a grace period, when each trigger's
 * token was last rotated, and the inbox of refused requests (one day, bounded per trigger; the
 * writer batches rows, and never stores a body or a credential header).
 */
export const triggerHardening = `
ALTER TABLE triggers ADD COLUMN rotated_at INTEGER;

-- A token replaced by a rotation with a grace period: it keeps working until expires_at, then 404.
CREATE TABLE retired_trigger_tokens (
  token TEXT PRIMARY KEY,
  workflow_id TEXT NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  node_id TEXT NOT NULL,
  retired_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX retired_trigger_tokens_node ON retired_trigger_tokens (workflow_id, node_id);

-- Refused requests to known triggers, newest last; id is the inbox cursor.
CREATE TABLE trigger_rejected_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  workflow_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  status INTEGER NOT NULL,
  reason TEXT NOT NULL,
  source TEXT,
  method TEXT NOT NULL,
  size INTEGER,
  headers TEXT NOT NULL
);
CREATE INDEX trigger_rejected_requests_trigger ON trigger_rejected_requests (workflow_id, node_id, id);
CREATE INDEX trigger_rejected_requests_workflow ON trigger_rejected_requests (workflow_id, id);
CREATE INDEX trigger_rejected_requests_at ON trigger_rejected_requests (at);
`;
