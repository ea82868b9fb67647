import type { CommitQueue } from '../store/sqlite/commit-queue.js';
import type { EventRepo } from '../store/sqlite/event-repo.js';
import type { RunRepo } from '../store/sqlite/run-repo.js';
import type { JobRepo } from '../store/sqlite/job-repo.js';
import { newId } from '../lib/ids.js';
import type { StoredEvent } from '../engine/records.js';

/** What became of an incoming event. */
export type AcceptOutcome =
  | { kind: 'accepted'; runId: string; eventId: string }
  | { kind: 'duplicate'; runId: string; eventId: string };

export interface AcceptInput {
  event: Omit<StoredEvent, 'id'>;
  version: number;
  concurrency: number;
}

export interface AcceptDeps {
  commits: CommitQueue;
  events: EventRepo;
  runs: RunRepo;
  jobs: JobRepo;
}

/**
 * Stores an event, its run and its job in one transaction (shared with other requests of the
 * same tick: group commit) and resolves only once that is durable. A repeated dedupe key
 * resolves to the original run. Rejects when the database cannot take the write.
 */
export function createAcceptEvent({ commits, events, runs, jobs }: AcceptDeps) {
  return (input: AcceptInput): Promise<AcceptOutcome> => {
    const now = input.event.receivedAt;
    const eventId = newId('evt', now);
    const runId = newId('run', now);
    return commits.run((): AcceptOutcome => {
      const e = input.event;
      if (!events.insert({ ...e, id: eventId })) {
        const original = e.dedupeKey === null ? undefined : events.originalRun(e.workflowId, e.dedupeKey);
        if (original) return { kind: 'duplicate', ...original };
        throw new Error('event insert ignored without a matching original');
      }
      runs.insert({ id: runId, workflowId: e.workflowId, version: input.version, eventId, replayOf: null, createdAt: now });
      jobs.insert(runId, e.workflowId, now, input.concurrency, now);
      return { kind: 'accepted', runId, eventId };
    });
  };
}
export type AcceptEvent = ReturnType<typeof createAcceptEvent>;
