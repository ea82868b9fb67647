/**
 * The PostgreSQL schema, equal to SQLite's after its migrations 001-011 (server/store/sqlite/
 * migrations/): the same tables, columns and indexes, in PostgreSQL's words. Times are BIGINT
 * epoch milliseconds and JSON is TEXT, exactly as the SQLite store writes them (so a stored
 * value reads back byte for byte); an event's body is BYTEA. Ids, tokens and node ids compare
 * bytewise (COLLATE "C"), as SQLite's BINARY collation does, so orderings and keyset cursors
 * match across the two implementations. Tables of concepts not on PostgreSQL yet (accounts,
 * credentials, endpoints, audit, rejections, operations) are here too, so their ports find
 * their tables when they move.
 */
export const initial = `
CREATE TABLE workflows (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL,
  active BOOLEAN NOT NULL DEFAULT false,
  current_version INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE workflow_versions (
  workflow_id TEXT COLLATE "C" NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT,
  PRIMARY KEY (workflow_id, version)
);

-- One live URL token per trigger node; it outlives versions so a saved change keeps the URL.
CREATE TABLE triggers (
  token TEXT COLLATE "C" PRIMARY KEY,
  workflow_id TEXT COLLATE "C" NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  node_id TEXT COLLATE "C" NOT NULL,
  created_at BIGINT NOT NULL,
  rotated_at BIGINT,
  UNIQUE (workflow_id, node_id)
);

-- A token replaced by a rotation with a grace period: it keeps working until expires_at.
CREATE TABLE retired_trigger_tokens (
  token TEXT COLLATE "C" PRIMARY KEY,
  workflow_id TEXT COLLATE "C" NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  node_id TEXT COLLATE "C" NOT NULL,
  retired_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX retired_trigger_tokens_node ON retired_trigger_tokens (workflow_id, node_id);

-- The raw request, byte-exact. Append-only; the dedupe key is unique per workflow, which is
-- what resolves two racing deliveries of one event to one run (INSERT ... ON CONFLICT DO NOTHING).
CREATE TABLE events (
  id TEXT COLLATE "C" PRIMARY KEY,
  workflow_id TEXT COLLATE "C" NOT NULL,
  node_id TEXT COLLATE "C" NOT NULL,
  dedupe_key TEXT,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  query TEXT NOT NULL,
  headers TEXT NOT NULL,
  body BYTEA NOT NULL,
  received_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX events_dedupe ON events (workflow_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX events_workflow ON events (workflow_id, received_at);

CREATE TABLE runs (
  id TEXT COLLATE "C" PRIMARY KEY,
  workflow_id TEXT COLLATE "C" NOT NULL,
  version INTEGER NOT NULL,
  event_id TEXT COLLATE "C" NOT NULL REFERENCES events(id),
  status TEXT NOT NULL,
  replay_of TEXT,
  error TEXT,
  wake_at BIGINT,
  created_at BIGINT NOT NULL,
  started_at BIGINT,
  finished_at BIGINT,
  parent_run_id TEXT COLLATE "C",
  parent_node_id TEXT COLLATE "C",
  parent_waits BOOLEAN NOT NULL DEFAULT false,
  depth INTEGER NOT NULL DEFAULT 0,
  error_of TEXT
);
CREATE INDEX runs_workflow_created ON runs (workflow_id, created_at DESC, id DESC);
CREATE INDEX runs_status_created ON runs (status, created_at DESC, id DESC);
CREATE INDEX runs_created ON runs (created_at DESC, id DESC);
CREATE INDEX runs_event ON runs (event_id);
CREATE INDEX runs_parent ON runs (parent_run_id) WHERE parent_run_id IS NOT NULL;

-- One row per attempt of a step, per loop frame ('' at the top level). A step with a
-- succeeded row never runs again.
CREATE TABLE steps (
  run_id TEXT COLLATE "C" NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  frame TEXT COLLATE "C" NOT NULL DEFAULT '',
  node_id TEXT COLLATE "C" NOT NULL,
  attempt INTEGER NOT NULL,
  status TEXT NOT NULL,
  input TEXT,
  output TEXT,
  ports TEXT,
  error TEXT,
  logs TEXT,
  detail TEXT,
  started_at BIGINT NOT NULL,
  finished_at BIGINT,
  next_attempt_at BIGINT,
  PRIMARY KEY (run_id, frame, node_id, attempt)
);

-- The run queue: one job per run that still has work. Each transition is one guarded write;
-- claims counts every claim and is the lease's fencing token.
CREATE TABLE jobs (
  run_id TEXT COLLATE "C" PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  workflow_id TEXT COLLATE "C" NOT NULL,
  status TEXT NOT NULL,
  run_at BIGINT NOT NULL,
  concurrency INTEGER NOT NULL,
  claims INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_expires_at BIGINT,
  updated_at BIGINT NOT NULL
);
CREATE INDEX jobs_ready ON jobs (status, run_at);
CREATE INDEX jobs_workflow_status ON jobs (workflow_id, status);
CREATE INDEX jobs_due ON jobs (workflow_id, run_at) WHERE status IN ('queued', 'retry_wait');

CREATE TABLE schedule_state (
  workflow_id TEXT COLLATE "C" NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  node_id TEXT COLLATE "C" NOT NULL,
  spec TEXT NOT NULL,
  cursor BIGINT NOT NULL,
  last_tick BIGINT,
  last_run_id TEXT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (workflow_id, node_id)
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT
);

-- Not on PostgreSQL yet (docs/scale-out.md): their tables, so their ports can move.
CREATE TABLE users (
  id TEXT COLLATE "C" PRIMARY KEY,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  password_changed_at BIGINT
);
-- SQLite's COLLATE NOCASE: one account per address whatever its case.
CREATE UNIQUE INDEX users_email ON users (lower(email));

CREATE TABLE sessions (
  id TEXT COLLATE "C" PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  user_agent TEXT,
  ip TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_keys (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  user_id TEXT COLLATE "C" REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT,
  scope TEXT NOT NULL DEFAULT 'full',
  expires_at BIGINT
);
CREATE INDEX api_keys_user ON api_keys (user_id);

CREATE TABLE account_links (
  id TEXT COLLATE "C" PRIMARY KEY,
  kind TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  email TEXT,
  role TEXT,
  user_id TEXT COLLATE "C" REFERENCES users(id) ON DELETE CASCADE,
  created_by TEXT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX account_links_kind ON account_links (kind, created_at DESC);

CREATE TABLE audit_log (
  id TEXT COLLATE "C" PRIMARY KEY,
  at BIGINT NOT NULL,
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

CREATE TABLE endpoints (
  id TEXT COLLATE "C" PRIMARY KEY,
  origin TEXT NOT NULL UNIQUE,
  disabled_at BIGINT,
  disabled_reason TEXT,
  updated_at BIGINT NOT NULL
);
CREATE INDEX endpoints_disabled ON endpoints (disabled_at) WHERE disabled_at IS NOT NULL;

CREATE TABLE credentials (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  key_id TEXT NOT NULL,
  iv BYTEA NOT NULL,
  ciphertext BYTEA NOT NULL,
  tag BYTEA NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX credentials_name ON credentials (name);

CREATE TABLE trigger_rejections (
  workflow_id TEXT COLLATE "C" NOT NULL,
  node_id TEXT COLLATE "C" NOT NULL,
  minute BIGINT NOT NULL,
  reason TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (workflow_id, node_id, minute, reason)
);
CREATE INDEX trigger_rejections_minute ON trigger_rejections (minute);

CREATE TABLE trigger_rejected_requests (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workflow_id TEXT COLLATE "C" NOT NULL,
  node_id TEXT COLLATE "C" NOT NULL,
  at BIGINT NOT NULL,
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

CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at BIGINT NOT NULL
);
`;
