/** Workflow variables (SQLite's 016): a plain value in `value`, a secret one sealed like a credential. */
export const variables = `
CREATE TABLE variables (
  name TEXT PRIMARY KEY,
  secret BOOLEAN NOT NULL,
  value TEXT,
  key_id TEXT,
  iv BYTEA,
  ciphertext BYTEA,
  tag BYTEA,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
`;
