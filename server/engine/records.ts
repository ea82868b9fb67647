// The records of a run as the engine and its callers see them: storage hands these out and
// takes them in, whatever database is behind it (server/store/ports/). No row shapes here.
import type { RunStatus, StepError, StepStatus } from '../../shared/runs/run-status.js';

/** The raw request that started a run, byte-exact. */
export interface StoredEvent {
  id: string;
  workflowId: string;
  nodeId: string;
  dedupeKey: string | null;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: Buffer;
  receivedAt: number;
}

/** A run: one execution of one workflow version for one event. */
export interface RunRow {
  id: string;
  workflowId: string;
  version: number;
  eventId: string;
  status: RunStatus;
  replayOf: string | null;
  error: StepError | undefined;
  wakeAt: number | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** The run whose sub-workflow step started this one, and that step (null for other runs). */
  parentRunId: string | null;
  parentNodeId: string | null;
  /** Whether that step waits for this run's result (fire-and-forget children do not). */
  parentWaits: boolean;
  /** How many sub-workflow calls deep this run is: 0 for runs started any other way. */
  depth: number;
  /** For a run of an error workflow: the failed run it reports on. */
  errorOf: string | null;
}

/** What a worker reads to carry a run on: the run, the event it started from and its stored step attempts. */
export interface RunToContinue {
  run: RunRow;
  event: StoredEvent;
  steps: StepRecord[];
}

/** Who started a run, when a run did: its sub-workflow step, or a failure that calls an error workflow. */
export interface RunLineage {
  parent?: { runId: string; nodeId: string; waits: boolean };
  depth?: number;
  errorOf?: string | null;
}

/** Which runs to list: newest first, keyset-paginated on (createdAt, id). */
export interface RunFilter {
  workflowId?: string;
  status?: RunStatus;
  /** Created at or after this time (epoch ms). */
  from?: number;
  /** Created before this time (epoch ms). */
  to?: number;
  /** The code of the step error that failed the run (`error.cause`). */
  errorCode?: string;
  /** Runs created strictly before this (createdAt, id) position. */
  before?: { createdAt: number; id: string };
  /** The dedupe key the run's event was stored with: a provider's event id or an Idempotency-Key. */
  dedupeKey?: string;
  /** A value at a JSON path of the run's trigger (`trigger.body.data.object.id = pi_123`). */
  where?: TriggerValueMatch;
  limit: number;
}

/**
 * One page of a search by a trigger value (`RunFilter.where`): at most `examineAtMost` runs
 * matching the other filters are examined, newest first. `examinedTo` is the oldest run examined
 * when that cap was reached (older runs may match too: search on from there), else null.
 */
export interface RunSearchPage {
  rows: RunRow[];
  examinedTo: { createdAt: number; id: string } | null;
}

/**
 * A value at a path of a stored trigger: `part` is the body (parsed as JSON), the query or the
 * headers; `path` its keys and array indexes; `value` compared as text (`42`, `true`, `null` match
 * those JSON values too).
 */
export interface TriggerValueMatch {
  part: 'body' | 'query' | 'headers';
  path: Array<string | number>;
  value: string;
}

/** One finished attempt of one step. */
export interface StepRecord {
  runId: string;
  /** Where the step ran: '' at the top level, `loop:3` for item 3 of loop "loop" (see shared/graph/frames.ts). */
  frame?: string;
  nodeId: string;
  attempt: number;
  status: StepStatus;
  input?: unknown;
  output?: unknown;
  /** Outputs that fired (edges leaving them are taken); null when none did. */
  ports?: readonly string[];
  error?: StepError;
  logs?: readonly string[];
  detail?: Record<string, unknown>;
  startedAt: number;
  finishedAt: number | null;
  nextAttemptAt?: number;
}

/** The closed set of job states. */
export const jobStatuses = ['queued', 'running', 'retry_wait', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** A job a worker holds under a lease. */
export interface ClaimedJob {
  runId: string;
  workflowId: string;
  /** How many times the job was claimed, this one included (more than 1 after a crash or a wait): the claim's fencing token. */
  claims: number;
  /**
   * Set when the claim moved the run itself to `running` in the same unit (the SQLite store): the
   * run was neither cancelled nor ended then. A claim that does not say leaves the executor to read
   * the run's status before its first step with side effects.
   */
  runActive?: boolean;
}

/**
 * A held job as its worker names it in every later move: the run, the owner and the claim's
 * number. The number fences: after the lease expired and the job was claimed again (by another
 * worker, or by this same owner), the old claim's number is stale and its moves change nothing.
 */
export interface Lease {
  runId: string;
  owner: string;
  claims: number;
}
