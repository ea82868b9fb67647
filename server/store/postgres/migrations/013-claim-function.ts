/**
 * The claim as one function call, so it costs one round trip instead of six (BEGIN, the walk
 * over workflows with due jobs, a claim lock, the due jobs, the take, COMMIT): at a claim per
 * delivered event, those round trips were most of what a worker and the server spent per event
 * on PostgreSQL (issue 15). The steps and their guarantees are those job-repo.ts described:
 *
 * - Workflows with due jobs in claim order, by a skip scan over `jobs_due` (one probe per
 *   workflow, not one row per waiting job); "now" read once, on the caller's clock or the
 *   database's.
 * - Each workflow's claim lock (pg_advisory_xact_lock, namespace 'SYCL') before its running
 *   count: the first workflow waits for it, the others only try and are skipped when taken, so a
 *   waiting claimer never holds a lock another waits for. In READ COMMITTED each statement of a
 *   VOLATILE function takes a new snapshot, so the count read after the lock sees every claim
 *   committed before it (a claimer commits before its locks are released): two claimers never
 *   fill the same free slot, across every process.
 * - Due jobs locked FOR UPDATE SKIP LOCKED, parked ones first, then fresh ones, up to the
 *   workflow's free slots; the walk stops once the candidates found all come before the next
 *   workflow's best (engine/claim-order.ts: parked first, then oldest due).
 * - The chosen jobs taken under the fencing counter (`claims + 1`) with a lease measured from
 *   "now", and their runs marked running, returned in claim order.
 */
export const claimFunction = `
CREATE FUNCTION sy_claim_jobs(p_owner TEXT, p_now BIGINT, p_lease_ms BIGINT, p_limit INTEGER, p_database_clock BOOLEAN)
RETURNS TABLE (o_run_id TEXT, o_workflow_id TEXT, o_claims INTEGER)
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  v_now BIGINT := CASE WHEN p_database_clock THEN (extract(epoch from clock_timestamp()) * 1000)::bigint ELSE p_now END;
  v_ids TEXT[] := '{}';
  v_at BIGINT[] := '{}';
  v_parked BOOLEAN[] := '{}';
  v_first BOOLEAN := true;
  v_running INTEGER;
  v_free INTEGER;
  v_found INTEGER;
  v_nth RECORD;
  v_chosen TEXT[];
  w RECORD;
  cand RECORD;
BEGIN
  IF p_limit <= 0 THEN RETURN; END IF;
  FOR w IN
    WITH RECURSIVE ws AS (
      (SELECT j.workflow_id FROM jobs j WHERE j.status IN ('queued', 'retry_wait') ORDER BY j.workflow_id LIMIT 1)
      UNION ALL
      SELECT (SELECT j.workflow_id FROM jobs j WHERE j.status IN ('queued', 'retry_wait') AND j.workflow_id > ws.workflow_id ORDER BY j.workflow_id LIMIT 1)
      FROM ws WHERE ws.workflow_id IS NOT NULL
    )
    SELECT * FROM (
      SELECT ws.workflow_id,
             (SELECT min(j.run_at) FROM jobs j WHERE j.workflow_id = ws.workflow_id AND j.status IN ('queued', 'retry_wait') AND j.run_at <= v_now) AS oldest,
             EXISTS (SELECT 1 FROM jobs j WHERE j.workflow_id = ws.workflow_id AND j.status = 'retry_wait' AND j.run_at <= v_now) AS parked
      FROM ws WHERE ws.workflow_id IS NOT NULL
    ) due WHERE due.oldest IS NOT NULL ORDER BY due.parked DESC, due.oldest
  LOOP
    -- Every candidate found so far comes before this workflow's best: no need to look further.
    IF cardinality(v_ids) >= p_limit THEN
      SELECT c.at, c.parked INTO v_nth FROM unnest(v_ids, v_at, v_parked) WITH ORDINALITY AS c(id, at, parked, n)
        ORDER BY c.parked DESC, c.at, c.n OFFSET p_limit - 1 LIMIT 1;
      EXIT WHEN (v_nth.parked AND NOT w.parked) OR (v_nth.parked = w.parked AND v_nth.at < w.oldest);
    END IF;
    IF v_first THEN
      PERFORM pg_advisory_xact_lock(1398358860, hashtext(w.workflow_id));
      v_first := false;
    ELSIF NOT pg_try_advisory_xact_lock(1398358860, hashtext(w.workflow_id)) THEN
      CONTINUE;
    END IF;
    SELECT count(*) INTO v_running FROM jobs j WHERE j.workflow_id = w.workflow_id AND j.status = 'running';
    -- The workflow's free slots, from the concurrency of its first due job.
    v_free := NULL;
    v_found := 0;
    -- The walk saw no parked job due for this workflow; one parked since then waits for the next claim.
    -- Each status is its own query with the status written out, never a variable: PL/pgSQL
    -- caches a generic plan, and only a literal status lets it use the partial indexes, which
    -- hold the jobs in claim order (a variable made it read and sort every waiting job).
    IF w.parked THEN
      FOR cand IN
        SELECT j.run_id, j.run_at, j.concurrency FROM jobs j
        WHERE j.workflow_id = w.workflow_id AND j.status = 'retry_wait' AND j.run_at <= v_now
        ORDER BY j.run_at, j.run_id LIMIT p_limit FOR UPDATE SKIP LOCKED
      LOOP
        v_free := coalesce(v_free, cand.concurrency - v_running);
        EXIT WHEN v_found >= v_free;
        v_ids := v_ids || cand.run_id;
        v_at := v_at || cand.run_at;
        v_parked := v_parked || true;
        v_found := v_found + 1;
      END LOOP;
    END IF;
    IF v_found < p_limit AND v_found < coalesce(v_free, p_limit) THEN
      FOR cand IN
        SELECT j.run_id, j.run_at, j.concurrency FROM jobs j
        WHERE j.workflow_id = w.workflow_id AND j.status IN ('queued', 'retry_wait') AND j.status = 'queued' AND j.run_at <= v_now
        ORDER BY j.run_at, j.run_id LIMIT p_limit - v_found FOR UPDATE SKIP LOCKED
      LOOP
        v_free := coalesce(v_free, cand.concurrency - v_running);
        EXIT WHEN v_found >= v_free;
        v_ids := v_ids || cand.run_id;
        v_at := v_at || cand.run_at;
        v_parked := v_parked || false;
        v_found := v_found + 1;
      END LOOP;
    END IF;
  END LOOP;
  SELECT array_agg(c.id ORDER BY c.parked DESC, c.at, c.n) INTO v_chosen FROM (
    SELECT * FROM unnest(v_ids, v_at, v_parked) WITH ORDINALITY AS c(id, at, parked, n) ORDER BY c.parked DESC, c.at, c.n LIMIT p_limit
  ) c;
  IF v_chosen IS NULL THEN RETURN; END IF;
  RETURN QUERY
    WITH taken AS (
      UPDATE jobs j SET status = 'running', lease_owner = p_owner, lease_expires_at = v_now + p_lease_ms, claims = j.claims + 1, updated_at = v_now
      WHERE j.run_id = ANY(v_chosen) AND j.status IN ('queued', 'retry_wait')
      RETURNING j.run_id, j.workflow_id, j.claims
    ), started AS (
      UPDATE runs r SET status = 'running', wake_at = NULL, started_at = COALESCE(r.started_at, v_now)
      WHERE r.id IN (SELECT t.run_id FROM taken t) AND r.status IN ('queued', 'running', 'waiting')
    )
    SELECT t.run_id, t.workflow_id, t.claims FROM taken t JOIN unnest(v_chosen) WITH ORDINALITY AS o(id, n) ON o.id = t.run_id ORDER BY o.n;
END;
$fn$;
`;
