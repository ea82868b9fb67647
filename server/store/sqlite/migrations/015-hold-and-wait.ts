/**
 * Pause and hold, and resume URLs. A workflow with no `workflow_pause` row is not paused (so
 * existing workflows need no change). A held event is a stored event with no run yet; `seq`
 * keeps arrival order, and the version and concurrency it arrived under pin its later run.
 * `resume_calls` numbers the calls a wait or approval step's resume URL accepted.
 */
export const holdAndWait = `
CREATE TABLE workflow_pause (
  workflow_id TEXT PRIMARY KEY REFERENCES workflows(id) ON DELETE CASCADE,
  state TEXT NOT NULL,
  since INTEGER NOT NULL
);
CREATE TABLE held_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  workflow_id TEXT NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL,
  concurrency INTEGER NOT NULL,
  held_at INTEGER NOT NULL
);
CREATE INDEX held_events_workflow ON held_events (workflow_id, seq);
CREATE TABLE resume_calls (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  frame TEXT NOT NULL,
  node_id TEXT NOT NULL,
  call_no INTEGER NOT NULL,
  payload TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (run_id, frame, node_id, call_no)
) WITHOUT ROWID;
`;
