import type { RunFilter, RunLineage, RunRow, RunSearchPage, RunToContinue, StepRecord, StoredEvent, TriggerValueMatch } from '../../engine/records.js';
import type { RunStatus, StepError } from '../../../shared/runs/run-status.js';

/** The request (or tick, call, failure) a run starts from: stored as an event, byte-exact. */
export type NewEvent = Omit<StoredEvent, 'id'>;

/**
 * Everything that starts a run, in one shape: a webhook, a schedule tick, a sub-workflow call
 * and an error report bring a new event (its `dedupeKey` makes a repeat resolve to the first
 * run); a replay names a stored event. Lineage ties a child to its parent or an error run to
 * the failed run; `copies` are earlier results a replay from a step starts with.
 */
export interface StartRun {
  workflowId: string;
  version: number;
  /** The workflow's concurrency limit, stored with the job. */
  concurrency: number;
  now: number;
  event: { kind: 'new'; event: NewEvent } | { kind: 'stored'; eventId: string };
  replayOf?: string | null;
  lineage?: RunLineage;
  copies?: readonly StepRecord[];
}

/** A run and its queued job were stored, or the event's dedupe key was seen before (`original` is the first run, if it still exists). */
export type StartedRun = { kind: 'started'; runId: string; eventId: string } | { kind: 'duplicate'; original: { runId: string; eventId: string } | undefined };

/** Events and runs: an event is append-only; every run transition is one guarded write. */
export interface RunPort {
  /** Stores the event (unless given), the run and its job together; a seen dedupe key starts nothing. */
  startRun(input: StartRun): Promise<StartedRun>;
  get(id: string): Promise<RunRow | undefined>;
  statusOf(id: string): Promise<RunStatus | undefined>;
  /** The run, its event and its step attempts (in start order) read together; undefined when the run or its event is missing. */
  toContinue(id: string): Promise<RunToContinue | undefined>;
  /** Newest first, keyset-paginated on (createdAt, id). */
  list(filter: RunFilter): Promise<RunRow[]>;
  /**
   * A list with a trigger value (`filter.where`) that examines at most `examineAtMost` runs
   * matching the other filters, newest first, so it answers fast on a large store.
   */
  search(filter: RunFilter & { where: TriggerValueMatch }, examineAtMost: number): Promise<RunSearchPage>;
  /**
   * The trigger-body paths a workflow declares searchable (`settings.searchPaths`, as parsed
   * paths): the store keeps an index for each, so `search` with that workflow and one of these
   * paths answers complete in one call (`examinedTo` null). Replaces the previous declaration;
   * an empty list drops them all. A store whose search never stops at a window may do nothing.
   */
  declareSearchPaths(workflowId: string, paths: ReadonlyArray<readonly (string | number)[]>): Promise<void>;
  latest(workflowId: string): Promise<RunRow | undefined>;
  /** Ids of the workflow's unfinished runs whose event came in on this path (e.g. its test runs). */
  unfinishedFromPath(workflowId: string, path: string): Promise<string[]>;
  countSince(workflowId: string, since: number): Promise<number>;
  getEvent(id: string): Promise<StoredEvent | undefined>;
  /** The newest event a trigger received. */
  latestEventId(workflowId: string, nodeId: string): Promise<string | undefined>;
  /** The first run started by the event with this dedupe key. */
  findByDedupeKey(workflowId: string, dedupeKey: string): Promise<{ eventId: string; runId: string } | undefined>;
  /** queued|waiting|running -> running; false when the run had ended. */
  markRunning(id: string, now: number): Promise<boolean>;
  /** Puts the run aside until `wakeAt`; false when it had ended. */
  markWaiting(id: string, wakeAt: number): Promise<boolean>;
  /** Ends an unfinished run; false when it had ended already (a cancelled run stays cancelled). */
  finish(id: string, status: 'succeeded' | 'failed' | 'cancelled', error: StepError | undefined, now: number): Promise<boolean>;
  /** Cancels an unfinished run; false when it had already ended. */
  cancel(id: string, reason: StepError, now: number): Promise<boolean>;
  /** Unfinished children whose parent step waits for them. */
  waitedChildren(runId: string): Promise<string[]>;
  /** Makes the waiting steps of `runId` due now when a child they wait for has ended since; returns how many. */
  wakeParentSteps(runId: string, now: number): Promise<number>;
  /**
   * Orders the units that park `runId` as a parent and the units that wake it (a child that
   * ends), until the caller's unit commits: each then reads what the other committed, so a
   * child that ends while its parent parks is never missed by both. Take it before writing
   * the parent's rows. A no-op where units never overlap (SQLite: one writer).
   */
  lockAsParent(runId: string): Promise<void>;
}
