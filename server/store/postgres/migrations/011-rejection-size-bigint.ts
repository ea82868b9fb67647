/**
 * A refused request's claimed size can pass 2^31 bytes (a sender announcing `Content-Length:
 * 10000000000` is refused as body_too_large, and its claim recorded). As INTEGER that value
 * made the whole inbox batch fail, losing its other rows too; SQLite's INTEGER is 64-bit already.
 */
export const rejectionSizeBigint = `
ALTER TABLE trigger_rejected_requests ALTER COLUMN size TYPE BIGINT;
`;
