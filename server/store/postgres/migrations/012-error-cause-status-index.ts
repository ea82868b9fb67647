/**
 * Run search by status and error code together (`GET /api/runs?status=failed&errorCode=`):
 * with only runs_error_cause, the planner underestimated the rows both filters keep (every run
 * with a code is failed, it assumed independence) and combined two bitmaps, then sorted every
 * match: 183 ms at 1,000,000 runs, 866 ms at worst. With the status in the key the newest
 * matches are read in order and the scan stops at the page. Only runs with an error are in
 * it, so a run that succeeds writes nothing here.
 */
export const errorCauseStatusIndex = `
CREATE INDEX runs_error_cause_status ON runs ((error::jsonb ->> 'cause'), status, created_at DESC, id DESC) WHERE error IS NOT NULL;
`;
