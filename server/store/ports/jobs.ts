import type { ClaimedJob, JobStatus, Lease, StepRecord } from '../../engine/records.js';
import type { RunStatus, StepError } from '../../../shared/runs/run-status.js';

/** How a run ends. */
export interface RunEnd {
  status: 'succeeded' | 'failed' | 'cancelled';
  error?: StepError;
}

/** What `JobPort.finishRun` did. */
export interface FinishedRun {
  /** Whether the run moved to its end (false: it had ended already, e.g. a person cancelled it). */
  changed: boolean;
  /**
   * The size in bytes of the largest step input, output or detail the run now holds, when the
   * store can tell without another read: a caller that truncates payloads past a cap skips that
   * work when it is below (RetentionPort.truncateStepPayloads).
   */
  largestPayload?: number;
}

/** What `JobPort.parkRun` did: parked, or nothing written (the run was cancelled, or the claim is stale). */
export type ParkOutcome = 'parked' | 'cancelled' | 'lost';

/**
 * The run queue: one job per run, a closed state machine (`queued | running | retry_wait |
 * succeeded | failed | cancelled`). A worker holds a job under a lease; every transition of a
 * held job names its `Lease` (owner and claim number: the fencing token), so a worker that lost
 * its lease moves nothing, even when the same owner has claimed the job again since.
 */
export interface JobPort {
  /** Claims up to `limit` due jobs, oldest first, within each workflow's concurrency; their runs become `running`. */
  claimJobs(owner: string, now: number, leaseMs: number, limit: number): Promise<ClaimedJob[]>;
  /** Extends the lease; false when this claim no longer holds the job. */
  renewLease(lease: Lease, until: number): Promise<boolean>;
  /**
   * Extends the lease and records step attempts (an attempt recorded again replaces the stored
   * one), as one unit. Returns the run's status, so the worker learns of a cancel without
   * another read, or undefined when this claim no longer holds the job: then nothing is recorded.
   */
  holdAndRecord(lease: Lease, until: number, steps: readonly StepRecord[]): Promise<RunStatus | undefined>;
  /** Hands a held job back to wait until `runAt`; false when this claim no longer holds it. */
  reschedule(lease: Lease, status: 'queued' | 'retry_wait', runAt: number, now: number): Promise<boolean>;
  /**
   * Ends a held job and its run, recording the run's last step attempts, as one unit: the end of
   * a run that nothing else has to join. Undefined when this claim no longer holds the job: then
   * nothing changes. The job takes the end's status even when the run had ended already.
   */
  finishRun(lease: Lease, end: RunEnd, steps: readonly StepRecord[], now: number): Promise<FinishedRun | undefined>;
  /**
   * Puts a held run aside until `until`, recording its last step attempts, as one unit: the job
   * waits in `retry_wait`, the run is `waiting`. The park of a run that nothing else has to join
   * (a retry, a deferral, a delay). The run's status is read in the same unit, so that the
   * executor needs no read of its own before a park: 'cancelled' when someone cancelled the run
   * (nothing written; the job stays held, for the worker to end the run as cancelled), 'lost'
   * when this claim no longer holds the job (nothing written).
   */
  parkRun(lease: Lease, until: number, steps: readonly StepRecord[], now: number): Promise<ParkOutcome>;
  /** Ends a held job; false when this claim no longer holds it. */
  complete(lease: Lease, status: 'succeeded' | 'failed' | 'cancelled', now: number): Promise<boolean>;
  /** Makes a job that waits for a later time due now; false when it is not waiting. */
  wakeNow(runId: string, now: number): Promise<boolean>;
  /** Cancels a job no worker holds; a held one is ended by its worker. */
  cancelIdle(runId: string, now: number): Promise<boolean>;
  /** Hands back every job this owner holds (graceful shutdown). */
  releaseLeases(owner: string, now: number): Promise<number>;
  /** Re-queues jobs whose lease ran out: their worker died. */
  reclaimExpiredLeases(now: number): Promise<number>;
  /** Re-queues jobs held by anyone but `owner`: at start, while this process owns the database alone. */
  reclaimOthersLeases(owner: string, now: number): Promise<number>;
  /** When the next waiting job is due, if any. */
  nextDueAt(): Promise<number | null>;
  /** Jobs per live status, with the oldest due time. */
  depth(): Promise<Array<{ status: JobStatus; n: number; oldest: number }>>;
}
