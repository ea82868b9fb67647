import type { CommitQueue } from '../store/sqlite/commit-queue.js';
import type { EventRepo } from '../store/sqlite/event-repo.js';
import type { JobRepo } from '../store/sqlite/job-repo.js';
import type { RunRepo } from '../store/sqlite/run-repo.js';
import type { StepRepo } from '../store/sqlite/step-repo.js';
import type { StepError } from '../../shared/runs/run-status.js';
import type { StoredEvent, ClaimedJob, RunRow, StepRecord } from '../engine/records.js';

/** Everything a worker reads to continue a run. */
export interface LoadedRun {
  run: RunRow;
  event: StoredEvent;
  steps: StepRecord[];
}

/** The writes that end one executor turn, applied in one transaction. */
export interface RunEffects {
  runId: string;
  owner: string;
  now: number;
  steps: readonly StepRecord[];
  /** Keep holding the job (more steps follow in this turn) and extend its lease to this time. */
  holdUntil?: number;
  finish?: { status: 'succeeded' | 'failed' | 'cancelled'; error?: StepError };
  /** Put the run aside until this time (a retry, a deferral, a delay). */
  waitUntil?: number;
}

/**
 * Work other features attach to a run's end or its parking, run synchronously inside the same
 * transaction (a child run wakes its parent, a failure starts the error workflow).
 */
export interface RunHooks {
  /** The run ended; `changed` is false when it had already ended (cancelled by a person). */
  onFinish?(e: { runId: string; status: 'succeeded' | 'failed' | 'cancelled'; error?: StepError; now: number; changed: boolean }): void;
  /** The run is put aside until `until`; returns when it should really wake (sooner when news arrived meanwhile). */
  onPark?(e: { runId: string; until: number; now: number }): number;
}

/** The lease on a job was lost (it expired and someone else took the run): this worker must stop. */
export class LeaseLostError extends Error {
  constructor(readonly runId: string) {
    super(`lease on run ${runId} was lost`);
    this.name = 'LeaseLostError';
  }
}

/**
 * The executor's storage boundary: asynchronous, so a Postgres implementation with several
 * worker processes can satisfy it too. This one is SQLite with group commit.
 */
export interface ExecutionStore {
  claim(owner: string, limit: number, leaseMs: number, now: number): Promise<ClaimedJob[]>;
  load(runId: string): Promise<LoadedRun | undefined>;
  apply(effects: RunEffects): Promise<void>;
  heartbeat(owner: string, runIds: readonly string[], until: number): Promise<void>;
  releaseOwner(owner: string, now: number): Promise<number>;
  reclaimExpired(now: number): Promise<number>;
  nextDueAt(): Promise<number | null>;
  /** Whether someone cancelled the run while it executed. */
  isCancelled(runId: string): Promise<boolean>;
}

export function createSqliteExecutionStore(d: { commits: CommitQueue; jobs: JobRepo; runs: RunRepo; steps: StepRepo; events: EventRepo; hooks?: readonly RunHooks[] }): ExecutionStore {
  const hooks = d.hooks ?? [];
  return {
    claim: (owner, limit, leaseMs, now) =>
      d.commits.run(() => {
        const claimed = d.jobs.claim(owner, now, leaseMs, limit);
        for (const j of claimed) d.runs.markRunning(j.runId, now);
        return claimed;
      }),
    async load(runId) {
      const run = d.runs.get(runId);
      const event = run && d.events.get(run.eventId);
      if (!run || !event) return undefined;
      return { run, event, steps: d.steps.forRun(runId) };
    },
    apply: (e) =>
      d.commits.run(() => {
        const leaseUntil = e.holdUntil ?? e.now;
        if (!d.jobs.heartbeat(e.runId, e.owner, leaseUntil)) throw new LeaseLostError(e.runId);
        for (const s of e.steps) d.steps.insert(s);
        if (e.finish) {
          // A cancelled run stays cancelled: `finish` only moves unfinished runs.
          const changed = d.runs.finish(e.runId, e.finish.status, e.finish.error, e.now);
          d.jobs.complete(e.runId, e.owner, e.finish.status, e.now);
          for (const h of hooks) h.onFinish?.({ runId: e.runId, status: e.finish.status, error: e.finish.error, now: e.now, changed });
        } else if (e.waitUntil !== undefined) {
          const runId = e.runId;
          const until = hooks.reduce((at, h) => h.onPark?.({ runId, until: at, now: e.now }) ?? at, e.waitUntil);
          d.runs.markWaiting(e.runId, until);
          d.jobs.reschedule(e.runId, e.owner, 'retry_wait', until, e.now);
        }
      }),
    heartbeat: async (owner, runIds, until) => {
      if (!runIds.length) return;
      await d.commits.run(() => {
        for (const id of runIds) d.jobs.heartbeat(id, owner, until);
      });
    },
    releaseOwner: (owner, now) => d.commits.run(() => d.jobs.releaseOwner(owner, now)),
    reclaimExpired: (now) => d.commits.run(() => d.jobs.reclaimExpired(now)),
    nextDueAt: async () => d.jobs.nextRunAt(),
    isCancelled: async (runId) => d.runs.statusOf(runId) === 'cancelled',
  };
}
