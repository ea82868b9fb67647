/**
 * Credentials, encrypted at rest (AES-256-GCM; the key never touches the database), and the
 * per-minute counts of refused trigger requests that the editor shows on each trigger.
 */
export const credentials = `
CREATE TABLE credentials (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  key_id TEXT NOT NULL,
  iv BLOB NOT NULL,
  ciphertext BLOB NOT NULL,
  tag BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX credentials_name ON credentials (name);

CREATE TABLE trigger_rejections (
  workflow_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  minute INTEGER NOT NULL,
  reason TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (workflow_id, node_id, minute, reason)
) WITHOUT ROWID;
CREATE INDEX trigger_rejections_minute ON trigger_rejections (minute);
`;
