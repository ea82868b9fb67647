/**
 * OAuth2 connect flows and tokens (PostgreSQL's 003 is the same change). A pending state is
 * keyed by the hash of the `state` sent to the provider and lives minutes. Tokens are sealed
 * like credential data; `generation` and the refresh claim (`refresh_owner` until
 * `refresh_until`) let one writer at a time rotate them.
 */
export const oauth = `
CREATE TABLE oauth_states (
  state_hash TEXT PRIMARY KEY,
  credential_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  nonce TEXT,
  redirect_uri TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX oauth_states_expiry ON oauth_states (expires_at);
CREATE TABLE oauth_tokens (
  credential_id TEXT PRIMARY KEY,
  generation INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('connected', 'reconnect_needed')),
  account TEXT,
  expires_at INTEGER,
  problem TEXT,
  key_id TEXT NOT NULL,
  iv BLOB NOT NULL,
  ciphertext BLOB NOT NULL,
  tag BLOB NOT NULL,
  refresh_owner TEXT,
  refresh_until INTEGER,
  updated_at INTEGER NOT NULL
);
`;
