/**
 * Workflow variables (`{{ vars.NAME }}`): a plain one keeps its value in `value`; a secret one
 * keeps NULL there and its value sealed like a credential's (key_id, iv, ciphertext, tag).
 */
export const variables = `
CREATE TABLE variables (
  name TEXT PRIMARY KEY,
  secret INTEGER NOT NULL CHECK (secret IN (0, 1)),
  value TEXT,
  key_id TEXT,
  iv BLOB,
  ciphertext BLOB,
  tag BLOB,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
`;
