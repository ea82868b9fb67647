/**
 * Notices whose payload is over NOTIFY's 8000 bytes (a captured test event with a large body):
 * the sender stores the payload here and the notice carries the row's id (pg-coordination.ts).
 * Rows are short-lived: each insert deletes those older than five minutes. PostgreSQL only:
 * SQLite mode is one process and passes notices in memory.
 */
export const noticePayloads = `
CREATE TABLE notice_payloads (
  id BIGSERIAL PRIMARY KEY,
  payload TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX notice_payloads_created ON notice_payloads (created_at);
`;
