/** Pause and hold, and resume URLs (SQLite's 015): see that file for what each table keeps. */
export const holdAndWait = `
CREATE TABLE workflow_pause (
  workflow_id TEXT COLLATE "C" PRIMARY KEY REFERENCES workflows(id) ON DELETE CASCADE,
  state TEXT NOT NULL,
  since BIGINT NOT NULL
);
CREATE TABLE held_events (
  seq BIGSERIAL PRIMARY KEY,
  workflow_id TEXT COLLATE "C" NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  event_id TEXT COLLATE "C" NOT NULL UNIQUE,
  version INTEGER NOT NULL,
  concurrency INTEGER NOT NULL,
  held_at BIGINT NOT NULL
);
CREATE INDEX held_events_workflow ON held_events (workflow_id, seq);
CREATE TABLE resume_calls (
  run_id TEXT COLLATE "C" NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  frame TEXT COLLATE "C" NOT NULL,
  node_id TEXT COLLATE "C" NOT NULL,
  call_no INTEGER NOT NULL,
  payload TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  PRIMARY KEY (run_id, frame, node_id, call_no)
);
`;
