/**
 * Run search by error code at scale (`GET /api/runs?errorCode=`): the failed step's code is
 * read from the run's error JSON, so an index on that expression answers the equality (the
 * query repeats `error IS NOT NULL` and the same `json_extract`, which is what SQLite matches).
 */
export const runSearchIndexes = `
CREATE INDEX runs_error_cause ON runs (json_extract(error, '$.cause'), created_at DESC, id DESC) WHERE error IS NOT NULL;
`;
