/**
 * Operations: an index that lets retention find whether an event is still referenced (and
 * lets SQLite check the runs -> events foreign key without a scan when an event is deleted),
 * a one-row table that readiness probes write to, and hourly storage samples for the
 * growth shown in settings.
 *
 * auto_vacuum cannot change inside a migration's transaction: databases created before it
 * was set first are converted once at start by `server/ops/storage-maintenance.ts`.
 */
export const operations = `
CREATE INDEX runs_event ON runs (event_id);

CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at INTEGER NOT NULL
);

CREATE TABLE storage_samples (
  at INTEGER PRIMARY KEY,
  db_bytes INTEGER NOT NULL,
  wal_bytes INTEGER NOT NULL,
  free_bytes INTEGER NOT NULL
);
`;
