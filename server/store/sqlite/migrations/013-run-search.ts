/**
 * Run search by a provider's event id or an Idempotency-Key across workflows (`GET
 * /api/runs?dedupeKey=`): the unique index is per workflow, this one answers without one.
 */
export const runSearch = `
CREATE INDEX events_dedupe_key ON events (dedupe_key) WHERE dedupe_key IS NOT NULL;
`;
