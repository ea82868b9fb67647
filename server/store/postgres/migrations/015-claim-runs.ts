/**
 * The claim that also answers what the worker reads next (issue 15): `sy_claim_runs` claims as
 * migration 013's `sy_claim_jobs` does (it calls it: the same walk, claim locks, SKIP LOCKED,
 * fencing counter and clock), then returns, per claimed job and in claim order, the run as the
 * claim left it (running, its start time set), its event and its stored step attempts: what
 * `runs.toContinue` reads, so a claimed run starts without a second round trip. The read is a
 * statement of its own inside the function, so it sees the claim's updates (each statement of
 * a VOLATILE function takes a new snapshot).
 *
 * The claim holds its locks until the read is done, so the state comes only for a run whose
 * stored steps stay within `p_max_steps` attempts and, with the event's body, `p_max_bytes`
 * bytes (a long loop, a large payload); otherwise, and when the run or its event is missing,
 * `o_state` is NULL and the worker reads the run with `runs.toContinue`. The size is measured
 * on at most `p_max_steps + 1` attempts (octet_length reads a stored value's size without
 * decompressing it). `o_state` is JSON text with the run's, event's and steps' fields under
 * the names the engine's records use, JSON columns as text; the body travels as BYTEA, byte-exact.
 */
export const claimRuns = `
CREATE FUNCTION sy_claim_runs(p_owner TEXT, p_now BIGINT, p_lease_ms BIGINT, p_limit INTEGER, p_database_clock BOOLEAN, p_max_steps INTEGER, p_max_bytes BIGINT)
RETURNS TABLE (o_run_id TEXT, o_workflow_id TEXT, o_claims INTEGER, o_state TEXT, o_body BYTEA)
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  v_ids TEXT[];
  v_workflows TEXT[];
  v_claims INTEGER[];
BEGIN
  SELECT array_agg(c.run_id ORDER BY c.n), array_agg(c.workflow_id ORDER BY c.n), array_agg(c.claims ORDER BY c.n)
    INTO v_ids, v_workflows, v_claims
    FROM sy_claim_jobs(p_owner, p_now, p_lease_ms, p_limit, p_database_clock) WITH ORDINALITY AS c(run_id, workflow_id, claims, n);
  IF v_ids IS NULL THEN RETURN; END IF;
  RETURN QUERY
    SELECT c.run_id, c.workflow_id, c.claims,
      CASE WHEN e.id IS NOT NULL AND sz.steps <= p_max_steps AND sz.bytes + octet_length(e.body) <= p_max_bytes THEN json_build_object(
        'run', json_build_object('id', r.id, 'workflowId', r.workflow_id, 'version', r.version, 'eventId', r.event_id, 'status', r.status,
          'replayOf', r.replay_of, 'error', r.error, 'wakeAt', r.wake_at, 'createdAt', r.created_at, 'startedAt', r.started_at,
          'finishedAt', r.finished_at, 'parentRunId', r.parent_run_id, 'parentNodeId', r.parent_node_id, 'parentWaits', r.parent_waits,
          'depth', r.depth, 'errorOf', r.error_of),
        'event', json_build_object('id', e.id, 'workflowId', e.workflow_id, 'nodeId', e.node_id, 'dedupeKey', e.dedupe_key,
          'method', e.method, 'path', e.path, 'query', e.query, 'headers', e.headers, 'receivedAt', e.received_at),
        'steps', coalesce((SELECT json_agg(json_build_object('runId', s.run_id, 'frame', s.frame, 'nodeId', s.node_id, 'attempt', s.attempt,
            'status', s.status, 'input', s.input, 'output', s.output, 'ports', s.ports, 'error', s.error, 'logs', s.logs, 'detail', s.detail,
            'startedAt', s.started_at, 'finishedAt', s.finished_at, 'nextAttemptAt', s.next_attempt_at) ORDER BY s.started_at, s.node_id, s.attempt)
          FROM steps s WHERE s.run_id = c.run_id), '[]'::json)
      )::text END,
      CASE WHEN e.id IS NOT NULL AND sz.steps <= p_max_steps AND sz.bytes + octet_length(e.body) <= p_max_bytes THEN e.body END
    FROM unnest(v_ids, v_workflows, v_claims) WITH ORDINALITY AS c(run_id, workflow_id, claims, n)
    LEFT JOIN runs r ON r.id = c.run_id
    LEFT JOIN events e ON e.id = r.event_id
    CROSS JOIN LATERAL (
      SELECT count(*) AS steps,
             coalesce(sum(coalesce(octet_length(b.input), 0) + coalesce(octet_length(b.output), 0) + coalesce(octet_length(b.detail), 0)
               + coalesce(octet_length(b.logs), 0) + coalesce(octet_length(b.error), 0) + coalesce(octet_length(b.ports), 0)), 0) AS bytes
      FROM (SELECT s.input, s.output, s.detail, s.logs, s.error, s.ports FROM steps s WHERE s.run_id = c.run_id LIMIT p_max_steps + 1) b
    ) sz
    ORDER BY c.n;
END;
$fn$;
`;
