/**
 * Accounts and access: sessions that can be listed, revoked and expire when idle; API keys
 * with a scope and an expiry; one-time account links (invitations and password resets); and
 * the audit log. Sessions are rebuilt to gain an id (the token hash must never leave the
 * server, so it cannot name a session in the API); existing sessions are kept.
 */
export const accounts = `
ALTER TABLE users ADD COLUMN password_changed_at INTEGER;

CREATE TABLE sessions_v2 (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  -- The absolute end; the idle end is last_seen_at plus the configured idle timeout.
  expires_at INTEGER NOT NULL,
  user_agent TEXT,
  ip TEXT
);
INSERT INTO sessions_v2 (id, token_hash, user_id, created_at, last_seen_at, expires_at)
  SELECT 'ses_' || lower(hex(randomblob(12))), token_hash, user_id, created_at, created_at, expires_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v2 RENAME TO sessions;
CREATE INDEX sessions_user ON sessions (user_id);

-- 'full' keys act with their owner's rights; 'read' keys only read, whatever the owner may do.
ALTER TABLE api_keys ADD COLUMN scope TEXT NOT NULL DEFAULT 'full';
ALTER TABLE api_keys ADD COLUMN expires_at INTEGER;
CREATE INDEX api_keys_user ON api_keys (user_id);

-- One-time links: 'invite' (email + role, creates an account) and 'reset' (sets a user's password).
CREATE TABLE account_links (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  email TEXT COLLATE NOCASE,
  role TEXT,
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX account_links_kind ON account_links (kind, created_at DESC);

-- Append-only. Actor names are copied in, so entries stay readable after a user is removed.
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id TEXT,
  actor_name TEXT NOT NULL,
  key_id TEXT,
  ip TEXT,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT,
  target_name TEXT,
  before TEXT,
  after TEXT,
  changes TEXT
);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
`;
