/** OAuth2 connect flows and tokens: SQLite's 018, in PostgreSQL's types. */
export const oauth = `
CREATE TABLE oauth_states (
  state_hash TEXT PRIMARY KEY,
  credential_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  nonce TEXT,
  redirect_uri TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX oauth_states_expiry ON oauth_states (expires_at);
CREATE TABLE oauth_tokens (
  credential_id TEXT PRIMARY KEY,
  generation INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('connected', 'reconnect_needed')),
  account TEXT,
  expires_at BIGINT,
  problem TEXT,
  key_id TEXT NOT NULL,
  iv BYTEA NOT NULL,
  ciphertext BYTEA NOT NULL,
  tag BYTEA NOT NULL,
  refresh_owner TEXT,
  refresh_until BIGINT,
  updated_at BIGINT NOT NULL
);
`;
