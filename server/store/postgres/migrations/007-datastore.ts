/** The data store (SQLite's 014): key-value entries per scope, JSON text values, an optional expiry. */
export const datastore = `
CREATE TABLE datastore (
  scope TEXT COLLATE "C" NOT NULL,
  key TEXT COLLATE "C" NOT NULL,
  value TEXT NOT NULL,
  expires_at BIGINT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX datastore_expiry ON datastore (expires_at) WHERE expires_at IS NOT NULL;
`;
