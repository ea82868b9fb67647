import type { RunPort, NewEvent } from '../store/ports/runs.js';
import type { HoldPort } from '../store/ports/holds.js';
import type { StepScope } from '../engine/step-types.js';
import { startedRunRow, type FreshRuns } from '../executor/fresh-runs.js';

/** What became of an incoming event; `held`: stored without a run while its workflow is paused. */
export type AcceptOutcome = { kind: 'accepted'; runId: string; eventId: string } | { kind: 'duplicate'; runId: string; eventId: string } | { kind: 'held'; eventId: string; duplicate: boolean };

export interface AcceptInput {
  event: NewEvent;
  version: number;
  concurrency: number;
  /** A live trigger URL's event: held while the workflow is paused. Test URLs and "Run now" always run. */
  live?: boolean;
  /**
   * The trigger data the run's steps will see, when ingest built it from the stored request with
   * the run's own parser: then the run is kept in `fresh` for its first claim in this process.
   */
  trigger?: StepScope['trigger'];
}

/**
 * Stores an event, its run and its job as one unit (`startRun`, grouped with other requests of
 * the same tick) and resolves only once that is durable. A live event of a paused workflow is
 * stored the same way without a run (`holds.intake`). A repeated dedupe key resolves to the
 * original run (or held event). Rejects when the store cannot take the write.
 */
export function createAcceptEvent({ runs, holds }: { runs: Pick<RunPort, 'startRun'>; holds: Pick<HoldPort, 'intake'> }, fresh?: FreshRuns) {
  return async (input: AcceptInput): Promise<AcceptOutcome> => {
    const e = input.event;
    const base = { workflowId: e.workflowId, version: input.version, concurrency: input.concurrency, now: e.receivedAt };
    const started = input.live ? await holds.intake({ ...base, event: e }) : await runs.startRun({ ...base, event: { kind: 'new', event: e } });
    if (started.kind === 'held') return started;
    if (started.kind === 'started') {
      // Durable now: the run's first claim here may start from this instead of reading it back.
      if (fresh && input.trigger) {
        const run = startedRunRow({ id: started.runId, workflowId: e.workflowId, version: input.version, eventId: started.eventId, createdAt: e.receivedAt });
        fresh.keep({ run, trigger: input.trigger }, e.body.length);
      }
      return { kind: 'accepted', runId: started.runId, eventId: started.eventId };
    }
    if (started.original) return { kind: 'duplicate', ...started.original };
    throw new Error('event insert ignored without a matching original');
  };
}
export type AcceptEvent = ReturnType<typeof createAcceptEvent>;
