/**
 * Steps inside a loop run once per item, so a step's key gains its frame: '' at the top
 * level, `loop:3` for item 3 of loop "loop", `outer:1/inner:0` when loops nest. SQLite
 * cannot change a primary key in place, so the table is rebuilt.
 */
export const stepFrames = `
CREATE TABLE steps_framed (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  frame TEXT NOT NULL DEFAULT '',
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
  PRIMARY KEY (run_id, frame, node_id, attempt)
) WITHOUT ROWID;
INSERT INTO steps_framed (run_id, frame, node_id, attempt, status, input, output, ports, error, logs, detail, started_at, finished_at, next_attempt_at)
  SELECT run_id, '', node_id, attempt, status, input, output, ports, error, logs, detail, started_at, finished_at, next_attempt_at FROM steps;
DROP TABLE steps;
ALTER TABLE steps_framed RENAME TO steps;
`;
