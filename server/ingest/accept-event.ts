import type { RunPort, NewEvent } from '../store/ports/runs.js';
import type { HoldPort } from '../store/ports/holds.js';

/** What became of an incoming event; `held`: stored without a run while its workflow is paused. */
export type AcceptOutcome = { kind: 'accepted'; runId: string; eventId: string } | { kind: 'duplicate'; runId: string; eventId: string } | { kind: 'held'; eventId: string; duplicate: boolean };

export interface AcceptInput {
  event: NewEvent;
  version: number;
  concurrency: number;
  /** A live trigger URL's event: held while the workflow is paused. Test URLs and "Run now" always run. */
  live?: boolean;
}

/**
 * Stores an event, its run and its job as one unit (`startRun`, grouped with other requests of
 * the same tick) and resolves only once that is durable. A live event of a paused workflow is
 * stored the same way without a run (`holds.intake`). A repeated dedupe key resolves to the
 * original run (or held event). Rejects when the store cannot take the write.
 */
export function createAcceptEvent({ runs, holds }: { runs: Pick<RunPort, 'startRun'>; holds: Pick<HoldPort, 'intake'> }) {
  return async (input: AcceptInput): Promise<AcceptOutcome> => {
    const e = input.event;
    const base = { workflowId: e.workflowId, version: input.version, concurrency: input.concurrency, now: e.receivedAt };
    const started = input.live ? await holds.intake({ ...base, event: e }) : await runs.startRun({ ...base, event: { kind: 'new', event: e } });
    if (started.kind === 'held') return started;
    if (started.kind === 'started') return { kind: 'accepted', runId: started.runId, eventId: started.eventId };
    if (started.original) return { kind: 'duplicate', ...started.original };
    throw new Error('event insert ignored without a matching original');
  };
}
export type AcceptEvent = ReturnType<typeof createAcceptEvent>;
