import type { Sql } from './sql.js';
import { cols as runCols, toRow, type RawRun } from './run-repo.js';
import { toEvent, type RawEvent } from './event-repo.js';
import { toRecord, type RawStep } from './step-repo.js';
import type { RunToContinue } from '../../engine/records.js';

/** A step attempt as one JSON object, its JSON fields still text (parsed by toRecord, which names a corrupt row). */
const stepObject = `json_build_object('runId', s.run_id, 'frame', s.frame, 'nodeId', s.node_id, 'attempt', s.attempt, 'status', s.status,
  'input', s.input, 'output', s.output, 'ports', s.ports, 'error', s.error, 'logs', s.logs, 'detail', s.detail,
  'startedAt', s.started_at, 'finishedAt', s.finished_at, 'nextAttemptAt', s.next_attempt_at)`;

/**
 * Runs, their events and their steps in one statement, one run or many (turn-batcher.ts): a
 * worker reads this at each claim, and three round trips (each a statement for the server to run
 * and the worker to decode) were a good part of the CPU an event cost. The steps come as one JSON
 * array, in the order `steps.forRun` gives them.
 */
const READ = `
  SELECT r.*, e.workflow_id AS "e.workflowId", e.node_id AS "e.nodeId", e.dedupe_key AS "e.dedupeKey", e.method AS "e.method",
         e.path AS "e.path", e.query AS "e.query", e.headers AS "e.headers", e.body AS "e.body", e.received_at AS "e.receivedAt",
         (SELECT json_agg(${stepObject} ORDER BY s.started_at, s.node_id, s.attempt) FROM steps s WHERE s.run_id = r.id)::text AS "steps"
  FROM (SELECT ${runCols} FROM runs WHERE id = ANY($1::text[])) r JOIN events e ON e.id = r."eventId"`;

type Raw = RawRun & { steps: string | null } & { [K in keyof RawEvent as `e.${K}`]: RawEvent[K] };

/** What a worker reads to carry each run of `ids` on, in order; undefined where the run or its event is missing. */
export async function runsToContinue(q: Sql, ids: readonly string[]): Promise<(RunToContinue | undefined)[]> {
  const rows = await q.rows<Raw>(READ, [ids]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = byId.get(id);
    return r && toContinue(r);
  });
}

/** What a worker reads to carry run `id` on; undefined when the run or its event is missing. */
export async function runToContinue(q: Sql, id: string): Promise<RunToContinue | undefined> {
  return (await runsToContinue(q, [id]))[0];
}

function toContinue(r: Raw): RunToContinue {
  const { steps, ...rest } = r;
  const run: Record<string, unknown> = {};
  const event: Record<string, unknown> = { id: r.eventId };
  for (const [k, v] of Object.entries(rest)) {
    if (k.startsWith('e.')) event[k.slice(2)] = v;
    else run[k] = v;
  }
  const stepRows = steps === null ? [] : (JSON.parse(steps) as RawStep[]);
  return { run: toRow(run as RawRun), event: toEvent(event as RawEvent), steps: stepRows.map(toRecord) };
}
