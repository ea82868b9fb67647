import { newId } from '../../lib/ids.js';
import type { StartedRun, StartRun } from '../ports/runs.js';
import type { Sql } from './sql.js';
import { postgresEvents } from './event-repo.js';
import { postgresJobs } from './job-repo.js';
import { postgresRuns } from './run-repo.js';
import { postgresSteps } from './step-repo.js';

/**
 * "Start a run" on PostgreSQL, inside the caller's transaction: the event (unless a stored one
 * is named), the run, a replay's copies and the queued job. A seen dedupe key stores nothing
 * and names the first run: `ON CONFLICT DO NOTHING` on the unique (workflow_id, dedupe_key)
 * index makes a racing duplicate wait for the first transaction, then find its run committed.
 */
export async function startRunPostgres(q: Sql, input: StartRun): Promise<StartedRun> {
  const { workflowId, now } = input;
  const runId = newId('run', now);
  let eventId: string;
  if (input.event.kind === 'new') {
    const e = input.event.event;
    eventId = newId('evt', now);
    if (!(await postgresEvents.insert(q, { ...e, id: eventId }))) {
      return { kind: 'duplicate', original: e.dedupeKey === null ? undefined : await postgresEvents.originalRun(q, e.workflowId, e.dedupeKey) };
    }
  } else eventId = input.event.eventId;
  await postgresRuns.insert(q, { id: runId, workflowId, version: input.version, eventId, replayOf: input.replayOf ?? null, createdAt: now, ...input.lineage });
  for (const c of input.copies ?? []) await postgresSteps.insert(q, { ...c, runId });
  await postgresJobs.insert(q, runId, workflowId, now, input.concurrency, now);
  return { kind: 'started', runId, eventId };
}
