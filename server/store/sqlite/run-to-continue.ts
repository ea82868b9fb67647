import type { Repos } from './create-sqlite-store.js';
import { CLAIMED_STATE_LIMITS } from '../claimed-state-limits.js';
import type { RunToContinue } from '../../engine/records.js';

/** runs.toContinue: the run, its event and its step attempts; undefined when the run or its event is missing. */
export function runToContinue(r: Repos, id: string): RunToContinue | undefined {
  const run = r.runs.get(id);
  const event = run && r.events.get(run.eventId);
  return run && event ? { run, event, steps: r.steps.forRun(id) } : undefined;
}

/**
 * ClaimedJob.state, read inside the claim's unit of work (it sees the claim's own changes):
 * only within CLAIMED_STATE_LIMITS, since the group commit, and the ingest units that share it,
 * wait for these reads. A corrupt stored value leaves the state out instead of failing the
 * claim (and the other jobs it took): the worker's own read then reports it for this run alone.
 */
export function claimedState(r: Repos, id: string): RunToContinue | undefined {
  try {
    const run = r.runs.get(id);
    const event = run && r.events.get(run.eventId);
    if (!run || !event) return undefined;
    const size = r.steps.sizeUpTo(id, CLAIMED_STATE_LIMITS.steps + 1);
    if (size.steps > CLAIMED_STATE_LIMITS.steps || size.bytes + event.body.length > CLAIMED_STATE_LIMITS.bytes) return undefined;
    return { run, event, steps: r.steps.forRun(id) };
  } catch {
    return undefined;
  }
}
