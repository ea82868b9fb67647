/**
 * Steps move from a WITHOUT ROWID table to an ordinary one with a unique index on the same key.
 * In a WITHOUT ROWID table a row keeps at most about 1,000 bytes on its b-tree page and the rest
 * goes to an overflow page of its own, and a step attempt (the trigger as its input, the request
 * and response as its detail) is about 1.4 KB: every attempt took a 4 KB overflow page, and
 * writing one dirtied about 4.3 pages. An ordinary table keeps rows up to about 4 KB on the page:
 * new attempts share the table's last pages, and the key is a small index entry. Measured on a
 * copy of the bench's rows (docs/performance.md): 2.0 pages written per attempt
 * instead of 4.3, a run's steps read in a third of the time, the table a third of the size.
 * Key lookups, `INSERT OR REPLACE` and the cascade from runs use the unique index.
 */
export const stepsRowid = `
CREATE TABLE steps_rowid (
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
  next_attempt_at INTEGER
);
INSERT INTO steps_rowid (run_id, frame, node_id, attempt, status, input, output, ports, error, logs, detail, started_at, finished_at, next_attempt_at)
  SELECT run_id, frame, node_id, attempt, status, input, output, ports, error, logs, detail, started_at, finished_at, next_attempt_at FROM steps;
DROP TABLE steps;
ALTER TABLE steps_rowid RENAME TO steps;
CREATE UNIQUE INDEX steps_key ON steps (run_id, frame, node_id, attempt);
`;
