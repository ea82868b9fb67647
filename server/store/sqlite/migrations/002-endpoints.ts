/** Endpoint state a person must see and change: an endpoint disabled by `410 Gone` stays disabled across restarts. */
export const endpoints = `
CREATE TABLE endpoints (
  id TEXT PRIMARY KEY,
  origin TEXT NOT NULL UNIQUE,
  disabled_at INTEGER,
  disabled_reason TEXT,
  updated_at INTEGER NOT NULL
);
CREATE INDEX endpoints_disabled ON endpoints (disabled_at) WHERE disabled_at IS NOT NULL;
`;
