import { toRow, type RawRun } from './run-repo.js';
import { toEvent, type RawEvent } from './event-repo.js';
import { toRecord, type RawStep } from './step-repo.js';
import type { ClaimedJob } from '../../engine/records.js';

/** A row of `sy_claim_runs` (migration 015): the claimed job, and its run's state as JSON text plus the event's body, or NULLs. */
export interface RawClaim {
  runId: string;
  workflowId: string;
  claims: number;
  state: string | null;
  body: Buffer | null;
}

/** The JSON `sy_claim_runs` builds: the run, its event (without the body) and its steps, fields named as `runs.toContinue` reads them. */
interface RawState {
  run: RawRun;
  event: Omit<RawEvent, 'body'>;
  steps: RawStep[];
}

/**
 * The claimed job with its state read as `runs.toContinue` reads it (run-to-continue.ts). A
 * corrupt stored value leaves the state out instead of failing the claim, which would leave
 * every job it took to wait for its lease to expire: the worker's own read of that run then
 * meets the corrupt row and reports it for that run alone.
 */
export function toClaimedJob({ state, body, ...job }: RawClaim): ClaimedJob {
  if (state === null || body === null) return job;
  try {
    const raw = JSON.parse(state) as RawState;
    return { ...job, state: { run: toRow(raw.run), event: toEvent({ ...raw.event, body }), steps: raw.steps.map(toRecord) } };
  } catch {
    return job;
  }
}
