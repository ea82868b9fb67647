import { newId } from '../../lib/ids.js';
import type { StartedRun, StartRun } from '../ports/runs.js';
import type { EventRepo } from './event-repo.js';
import type { JobRepo } from './job-repo.js';
import type { RunRepo } from './run-repo.js';
import type { StepRepo } from './step-repo.js';

/**
 * "Start a run", written once: the event (unless a stored one is named), the run, the copies a
 * replay from a step starts with, and the queued job. Runs inside the caller's transaction; an
 * event whose dedupe key was seen before stores nothing and names the first run instead.
 */
export function startRunIn(r: { events: EventRepo; runs: RunRepo; steps: StepRepo; jobs: JobRepo }, input: StartRun): StartedRun {
  const { workflowId, now } = input;
  const runId = newId('run', now);
  let eventId: string;
  if (input.event.kind === 'new') {
    const e = input.event.event;
    eventId = newId('evt', now);
    if (!r.events.insert({ ...e, id: eventId })) {
      return { kind: 'duplicate', original: e.dedupeKey === null ? undefined : r.events.originalRun(e.workflowId, e.dedupeKey) };
    }
  } else eventId = input.event.eventId;
  r.runs.insert({ id: runId, workflowId, version: input.version, eventId, replayOf: input.replayOf ?? null, createdAt: now, ...input.lineage });
  for (const c of input.copies ?? []) r.steps.insert({ ...c, runId });
  r.jobs.insert(runId, workflowId, now, input.concurrency, now);
  return { kind: 'started', runId, eventId };
}
