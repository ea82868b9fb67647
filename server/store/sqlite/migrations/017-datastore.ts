/**
 * The data store: key-value entries per scope (`global`, `wf:<id>`, `dedupe:<id>`), JSON text
 * values, an optional expiry. The expiry index serves the retention sweep's purge.
 */
export const datastore = `
CREATE TABLE datastore (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  expires_at INTEGER,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE INDEX datastore_expiry ON datastore (expires_at) WHERE expires_at IS NOT NULL;
`;
