/** The first schema: workflows with immutable versions, triggers, events, runs, steps, jobs, users, keys. */
export const initial = `
CREATE TABLE workflows (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0,
  current_version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE workflow_versions (
  workflow_id TEXT NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT,
  PRIMARY KEY (workflow_id, version)
) WITHOUT ROWID;

-- One live URL token per trigger node; it outlives versions so a saved change keeps the URL.
CREATE TABLE triggers (
  token TEXT PRIMARY KEY,
  workflow_id TEXT NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  node_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (workflow_id, node_id)
);

-- The raw request, byte-exact. Append-only; the dedupe key is unique per workflow.
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  workflow_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  dedupe_key TEXT,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  query TEXT NOT NULL,
  headers TEXT NOT NULL,
  body BLOB NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX events_dedupe ON events (workflow_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX events_workflow ON events (workflow_id, received_at);

CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  workflow_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  event_id TEXT NOT NULL REFERENCES events(id),
  status TEXT NOT NULL,
  replay_of TEXT,
  error TEXT,
  wake_at INTEGER,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER
);
CREATE INDEX runs_workflow_created ON runs (workflow_id, created_at DESC, id DESC);
CREATE INDEX runs_status_created ON runs (status, created_at DESC, id DESC);
CREATE INDEX runs_created ON runs (created_at DESC, id DESC);

-- One row per attempt of a step. A step with a succeeded row never runs again.
CREATE TABLE steps (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  node_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  status TEXT NOT NULL,
  input TEXT,
  output TEXT,
  ports TEXT,
  error TEXT,
  logs TEXT,
  detail TEXT,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  next_attempt_at INTEGER,
  PRIMARY KEY (run_id, node_id, attempt)
) WITHOUT ROWID;

-- The run queue: one job per run that still has work. Each transition is one guarded write.
CREATE TABLE jobs (
  run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  workflow_id TEXT NOT NULL,
  status TEXT NOT NULL,
  run_at INTEGER NOT NULL,
  -- How many runs of this workflow may be running at once, copied from its settings at enqueue.
  concurrency INTEGER NOT NULL,
  claims INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_expires_at INTEGER,
  updated_at INTEGER NOT NULL
);
CREATE INDEX jobs_ready ON jobs (status, run_at);
CREATE INDEX jobs_workflow_status ON jobs (workflow_id, status);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
`;
