import type { Store, StoreTx } from '../store/ports/store.js';
import type { RunEnd } from '../store/ports/jobs.js';
import type { StepError } from '../../shared/runs/run-status.js';
import type { ClaimedJob, Lease, RunRow, RunToContinue, StepRecord } from '../engine/records.js';

/** Everything a worker reads to continue a run. */
export type LoadedRun = RunToContinue;

/** The writes that end one executor turn, applied in one transaction, fenced by the turn's lease. */
export interface RunEffects extends Lease {
  now: number;
  steps: readonly StepRecord[];
  /** Keep holding the job (more steps follow in this turn) and extend its lease to this time. */
  holdUntil?: number;
  finish?: { status: 'succeeded' | 'failed' | 'cancelled'; error?: StepError };
  /** Put the run aside until this time (a retry, a deferral, a delay). */
  waitUntil?: number;
  /** The run as the worker loaded it, so that hooks need not read it again (its lineage never changes). */
  run?: RunRow;
  /**
   * With `waitUntil`: whether a step of the run is parked `waiting` (a wait, an approval, a
   * sub-workflow), so that hooks on parking may have work. Absent: assume so.
   */
  stepsWaiting?: boolean;
}

/**
 * Work other features attach to a run's end or its parking, run inside the same unit of work
 * (a child run wakes its parent, a failure starts the error workflow). Hooks await only `tx`.
 */
export interface RunHooks {
  /** The run ended; `changed` is false when it had already ended (cancelled by a person). */
  onFinish?(tx: StoreTx, e: { runId: string; status: 'succeeded' | 'failed' | 'cancelled'; error?: StepError; now: number; changed: boolean; run?: RunRow }): Promise<void>;
  /**
   * Whether `onFinish` has work for this end (absent: it always has). When no hook has, the end
   * commits as one statement (JobPort.finishRun) instead of a transaction the hooks can join.
   */
  actsOnFinish?(e: { status: 'succeeded' | 'failed' | 'cancelled'; run?: RunRow }): boolean;
  /** Before a park's first write, when `onPark` has work: takes what orders the park against others' units (RunPort.lockAsParent). */
  beforePark?(tx: StoreTx, e: { runId: string }): Promise<void>;
  /** The run is put aside until `until`; returns when it should really wake (sooner when news arrived meanwhile). */
  onPark?(tx: StoreTx, e: { runId: string; until: number; now: number }): Promise<number>;
  /**
   * Whether `onPark` has work for this park (absent: it always has). When no hook has, the park
   * commits as one statement (JobPort.parkRun): what a failed delivery attempt costs.
   */
  actsOnPark?(e: { stepsWaiting: boolean }): boolean;
}

/** What applying a turn's effects learnt on the way. */
export interface AppliedTurn {
  /** For a run's end, when the store could tell: the size in bytes of the run's largest step payload (FinishedRun). */
  largestPayload?: number;
  /**
   * For a park: the run was found cancelled in the park's own unit, and nothing was written (the
   * job is still held): the worker ends the run as cancelled. A park needs no cancel read before it.
   */
  cancelled?: boolean;
}

/** The lease on a job was lost (it expired and someone else took the run): this worker must stop. */
export class LeaseLostError extends Error {
  constructor(readonly runId: string) {
    super(`lease on run ${runId} was lost`);
    this.name = 'LeaseLostError';
  }
}

/** The executor's view of storage: what a worker pool needs, in the executor's words. */
export interface ExecutionStore {
  claim(owner: string, limit: number, leaseMs: number, now: number): Promise<ClaimedJob[]>;
  load(runId: string): Promise<LoadedRun | undefined>;
  apply(effects: RunEffects): Promise<AppliedTurn>;
  /**
   * Records finished steps while keeping the job until `until` (more steps follow in this turn);
   * throws LeaseLostError when the claim is stale (nothing recorded). Answers whether the run
   * was cancelled meanwhile, read in the same unit.
   */
  hold(lease: Lease, until: number, steps: readonly StepRecord[]): Promise<{ cancelled: boolean }>;
  /** Extends the leases of the claims this worker still holds; a stale claim is left alone (its next turn fails). */
  heartbeat(leases: readonly Lease[], until: number): Promise<void>;
  releaseOwner(owner: string, now: number): Promise<number>;
  reclaimExpired(now: number): Promise<number>;
  nextDueAt(): Promise<number | null>;
  /** Whether someone cancelled the run while it executed. */
  isCancelled(runId: string): Promise<boolean>;
}

/**
 * One executor turn's writes, fenced by the lease: a worker whose claim no longer holds the job
 * (its lease expired and the job was claimed again, even by this same owner) rolls everything back.
 */
async function applyTurn(tx: StoreTx, hooks: readonly RunHooks[], e: RunEffects): Promise<AppliedTurn> {
  const lease: Lease = { runId: e.runId, owner: e.owner, claims: e.claims };
  if (e.finish) {
    // Completing the job is the fence here (the same guard as a renewal): one statement, not two.
    if (!(await tx.jobs.complete(lease, e.finish.status, e.now))) throw new LeaseLostError(e.runId);
    for (const s of e.steps) await tx.steps.recordStep(s);
    // A cancelled run stays cancelled: `finish` only moves unfinished runs.
    const changed = await tx.runs.finish(e.runId, e.finish.status, e.finish.error, e.now);
    for (const h of hooks) await h.onFinish?.(tx, { runId: e.runId, status: e.finish.status, error: e.finish.error, now: e.now, changed, run: e.run });
    return {};
  }
  // A park reads the run's status in its own unit, as JobPort.parkRun does: a cancelled run is left held, unwritten.
  if (e.waitUntil !== undefined && (await tx.runs.statusOf(e.runId)) === 'cancelled') return { cancelled: true };
  if (e.waitUntil !== undefined) for (const h of hooks) await h.beforePark?.(tx, { runId: e.runId });
  if (!(await tx.jobs.renewLease(lease, e.holdUntil ?? e.now))) throw new LeaseLostError(e.runId);
  for (const s of e.steps) await tx.steps.recordStep(s);
  if (e.waitUntil !== undefined) {
    let until = e.waitUntil;
    for (const h of hooks) if (h.onPark) until = await h.onPark(tx, { runId: e.runId, until, now: e.now });
    await tx.runs.markWaiting(e.runId, until);
    await tx.jobs.reschedule(lease, 'retry_wait', until, e.now);
  }
  return {};
}

/** The executor's storage boundary over the store's ports, with the hooks of runs started by runs. */
export function createExecutionStore(d: { store: Store; hooks?: readonly RunHooks[] }): ExecutionStore {
  const { store } = d;
  const hooks = d.hooks ?? [];
  // The usual end (a run succeeds and no hook has work for it) needs no transaction: one statement, fenced by the lease.
  const endsAlone = (end: { status: RunEnd['status']; run?: RunRow }) => !hooks.some((h) => h.onFinish && (h.actsOnFinish?.(end) ?? true));
  // Likewise the usual park (a retry, a deferral: no step waits for another run).
  const parksAlone = (park: { stepsWaiting: boolean }) => !hooks.some((h) => h.onPark && (h.actsOnPark?.(park) ?? true));
  return {
    claim: (owner, limit, leaseMs, now) => store.jobs.claimJobs(owner, now, leaseMs, limit),
    load: (runId) => store.runs.toContinue(runId),
    async apply(e) {
      if (e.finish && endsAlone({ status: e.finish.status, run: e.run })) {
        const ended = await store.jobs.finishRun({ runId: e.runId, owner: e.owner, claims: e.claims }, e.finish, e.steps, e.now);
        if (!ended) throw new LeaseLostError(e.runId);
        return { largestPayload: ended.largestPayload };
      }
      if (!e.finish && e.waitUntil !== undefined && e.holdUntil === undefined && parksAlone({ stepsWaiting: e.stepsWaiting ?? true })) {
        const parked = await store.jobs.parkRun({ runId: e.runId, owner: e.owner, claims: e.claims }, e.waitUntil, e.steps, e.now);
        if (parked === 'lost') throw new LeaseLostError(e.runId);
        return parked === 'cancelled' ? { cancelled: true } : {};
      }
      return store.write((tx) => applyTurn(tx, hooks, e));
    },
    async hold(lease, until, steps) {
      const status = await store.jobs.holdAndRecord(lease, until, steps);
      if (status === undefined) throw new LeaseLostError(lease.runId);
      return { cancelled: status === 'cancelled' };
    },
    heartbeat: async (leases, until) => {
      if (!leases.length) return;
      await store.write(async (tx) => {
        for (const lease of leases) await tx.jobs.renewLease(lease, until);
      });
    },
    releaseOwner: (owner, now) => store.jobs.releaseLeases(owner, now),
    reclaimExpired: (now) => store.jobs.reclaimExpiredLeases(now),
    nextDueAt: () => store.jobs.nextDueAt(),
    isCancelled: async (runId) => (await store.runs.statusOf(runId)) === 'cancelled',
  };
}
