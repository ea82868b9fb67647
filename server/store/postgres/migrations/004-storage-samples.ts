/**
 * Hourly storage samples for the growth shown in settings (SQLite's 008 has the same table;
 * PostgreSQL's 001 left it out). Number 4: main's 003 is the parked-jobs index.
 */
export const storageSamples = `
CREATE TABLE storage_samples (
  at BIGINT PRIMARY KEY,
  db_bytes BIGINT NOT NULL,
  wal_bytes BIGINT NOT NULL,
  free_bytes BIGINT NOT NULL
);
`;
