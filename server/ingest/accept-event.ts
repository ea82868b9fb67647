import type { RunPort, NewEvent } from '../store/ports/runs.js';

/** What became of an incoming event. */
export type AcceptOutcome = { kind: 'accepted'; runId: string; eventId: string } | { kind: 'duplicate'; runId: string; eventId: string };

export interface AcceptInput {
  event: NewEvent;
  version: number;
  concurrency: number;
}

/**
 * Stores an event, its run and its job as one unit (`startRun`, grouped with other requests of
 * the same tick) and resolves only once that is durable. A repeated dedupe key resolves to the
 * original run. Rejects when the store cannot take the write.
 */
export function createAcceptEvent({ runs }: { runs: Pick<RunPort, 'startRun'> }) {
  return async (input: AcceptInput): Promise<AcceptOutcome> => {
    const e = input.event;
    const started = await runs.startRun({ workflowId: e.workflowId, version: input.version, concurrency: input.concurrency, now: e.receivedAt, event: { kind: 'new', event: e } });
    if (started.kind === 'started') return { kind: 'accepted', runId: started.runId, eventId: started.eventId };
    if (started.original) return { kind: 'duplicate', ...started.original };
    throw new Error('event insert ignored without a matching original');
  };
}
export type AcceptEvent = ReturnType<typeof createAcceptEvent>;
