import { newId } from '../../lib/ids.js';
import type { NewEvent, StartedRun, StartRun } from '../ports/runs.js';
import type { Sql } from './sql.js';

/** A start of a run from a new event, with no earlier results to copy: what a batch takes set-based. */
export type NewEventStart = StartRun & { event: { kind: 'new'; event: NewEvent } };

export const isNewEventStart = (s: StartRun): s is NewEventStart => s.event.kind === 'new' && !s.copies?.length;

/** Events with a dedupe key are inserted in this order by every batch of every process, so two batches that share keys take their index locks in the same order and never deadlock. */
const keyOrder = (a: NewEvent, b: NewEvent) =>
  a.dedupeKey === null || b.dedupeKey === null
    ? Number(a.dedupeKey === null) - Number(b.dedupeKey === null)
    : a.workflowId < b.workflowId
      ? -1
      : a.workflowId > b.workflowId
        ? 1
        : a.dedupeKey < b.dedupeKey
          ? -1
          : a.dedupeKey > b.dedupeKey
            ? 1
            : 0;

const INSERT_EVENTS = `INSERT INTO events (id, workflow_id, node_id, dedupe_key, method, path, query, headers, body, received_at)
  SELECT id, workflow_id, node_id, dedupe_key, method, path, query, headers, body, received_at
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bytea[], $10::bigint[])
       WITH ORDINALITY AS e(id, workflow_id, node_id, dedupe_key, method, path, query, headers, body, received_at, ord)
  ORDER BY ord
  ON CONFLICT DO NOTHING RETURNING id`;

const ORIGINALS = `SELECT DISTINCT ON (e.workflow_id, e.dedupe_key) e.workflow_id AS "workflowId", e.dedupe_key AS "dedupeKey", e.id AS "eventId", r.id AS "runId"
  FROM unnest($1::text[], $2::text[]) AS k(workflow_id, dedupe_key)
  JOIN events e ON e.workflow_id = k.workflow_id AND e.dedupe_key = k.dedupe_key
  JOIN runs r ON r.event_id = e.id
  ORDER BY e.workflow_id, e.dedupe_key, r.created_at, r.id`;

const INSERT_RUNS = `INSERT INTO runs (id, workflow_id, version, event_id, status, replay_of, created_at, parent_run_id, parent_node_id, parent_waits, depth, error_of)
  SELECT id, workflow_id, version, event_id, 'queued', replay_of, created_at, parent_run_id, parent_node_id, parent_waits, depth, error_of
  FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::boolean[], $10::int[], $11::text[])
       AS r(id, workflow_id, version, event_id, replay_of, created_at, parent_run_id, parent_node_id, parent_waits, depth, error_of)`;

const INSERT_JOBS = `INSERT INTO jobs (run_id, workflow_id, status, run_at, concurrency, updated_at)
  SELECT run_id, workflow_id, 'queued', run_at, concurrency, run_at FROM unnest($1::text[], $2::text[], $3::bigint[], $4::int[]) AS j(run_id, workflow_id, run_at, concurrency)`;

const dedupeId = (workflowId: string, dedupeKey: string) => `${workflowId}\u0000${dedupeKey}`;

/**
 * Starts runs for new events inside the caller's transaction, set-based: one multi-row INSERT of
 * the events (`ON CONFLICT DO NOTHING RETURNING id` on the unique (workflow_id, dedupe_key)
 * index), one of their runs, one of their jobs, whatever the number of events. A dedupe key
 * repeated inside the batch is inserted once and its repeats resolve to that first run; a key
 * committed before (or by a racing transaction, which the insert waits for) resolves to its
 * first run, read in one more statement. Answers in the order of `starts`.
 */
export async function startRunsTogether(q: Sql, starts: readonly NewEventStart[]): Promise<StartedRun[]> {
  if (!starts.length) return [];
  // The first start of each dedupe key is the one inserted; later ones in the batch follow it.
  const firstOf = new Map<string, number>();
  const followerOf = starts.map((s, i) => {
    const e = s.event.event;
    if (e.dedupeKey === null) return undefined;
    const id = dedupeId(e.workflowId, e.dedupeKey);
    const first = firstOf.get(id);
    if (first === undefined) firstOf.set(id, i);
    return first;
  });
  const leaders = starts.map((s, i) => ({ s, i, eventId: newId('evt', s.now) })).filter(({ i }) => followerOf[i] === undefined);
  leaders.sort((a, b) => keyOrder(a.s.event.event, b.s.event.event));

  const evs = leaders.map((l) => l.s.event.event);
  const inserted = new Set(
    (
      await q.rows<{ id: string }>(INSERT_EVENTS, [
        leaders.map((l) => l.eventId),
        evs.map((e) => e.workflowId),
        evs.map((e) => e.nodeId),
        evs.map((e) => e.dedupeKey),
        evs.map((e) => e.method),
        evs.map((e) => e.path),
        evs.map((e) => JSON.stringify(e.query)),
        evs.map((e) => JSON.stringify(e.headers)),
        evs.map((e) => e.body),
        evs.map((e) => e.receivedAt),
      ])
    ).map((r) => r.id),
  );

  const results: StartedRun[] = new Array<StartedRun>(starts.length);
  const fresh = leaders.filter((l) => inserted.has(l.eventId)).map((l) => ({ ...l, runId: newId('run', l.s.now) }));
  await insertRunsAndJobs(q, fresh);
  for (const f of fresh) results[f.i] = { kind: 'started', runId: f.runId, eventId: f.eventId };

  // Keys seen before this batch: their first runs, in one statement.
  const seen = leaders.filter((l) => !inserted.has(l.eventId));
  const keyed = seen.map((l) => l.s.event.event).filter((e): e is NewEvent & { dedupeKey: string } => e.dedupeKey !== null);
  const originals = new Map<string, { eventId: string; runId: string }>();
  if (keyed.length) {
    const rows = await q.rows<{ workflowId: string; dedupeKey: string; eventId: string; runId: string }>(ORIGINALS, [keyed.map((e) => e.workflowId), keyed.map((e) => e.dedupeKey)]);
    for (const r of rows) originals.set(dedupeId(r.workflowId, r.dedupeKey), { eventId: r.eventId, runId: r.runId });
  }
  for (const l of seen) {
    const e = l.s.event.event;
    results[l.i] = { kind: 'duplicate', original: e.dedupeKey === null ? undefined : originals.get(dedupeId(e.workflowId, e.dedupeKey)) };
  }
  // Repeats inside the batch resolve to what their first start became.
  followerOf.forEach((first, i) => {
    if (first === undefined) return;
    const r = results[first] as StartedRun;
    results[i] = { kind: 'duplicate', original: r.kind === 'started' ? { runId: r.runId, eventId: r.eventId } : r.original };
  });
  return results;
}

async function insertRunsAndJobs(q: Sql, fresh: ReadonlyArray<{ s: NewEventStart; eventId: string; runId: string }>): Promise<void> {
  if (!fresh.length) return;
  const col = <T>(pick: (f: { s: NewEventStart; eventId: string; runId: string }) => T) => fresh.map(pick);
  await q.run(INSERT_RUNS, [
    col((f) => f.runId),
    col((f) => f.s.workflowId),
    col((f) => f.s.version),
    col((f) => f.eventId),
    col((f) => f.s.replayOf ?? null),
    col((f) => f.s.now),
    col((f) => f.s.lineage?.parent?.runId ?? null),
    col((f) => f.s.lineage?.parent?.nodeId ?? null),
    col((f) => f.s.lineage?.parent?.waits ?? false),
    col((f) => f.s.lineage?.depth ?? 0),
    col((f) => f.s.lineage?.errorOf ?? null),
  ]);
  await q.run(INSERT_JOBS, [col((f) => f.runId), col((f) => f.s.workflowId), col((f) => f.s.now), col((f) => f.s.concurrency)]);
}
