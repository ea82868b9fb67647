/**
 * Installation settings an owner changes at run time, one JSON value per key (the first is
 * `egress.allow`: the allow-list entries added in Settings on top of EGRESS_ALLOW).
 * `updated_by` is the actor's display name, for a glance; the audit log has the full record.
 */
export const settings = `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT
) WITHOUT ROWID;
`;
