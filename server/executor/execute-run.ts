import type { Logger } from 'pino';
import type { StepError } from '../../shared/runs/run-status.js';
import type { Clock } from '../lib/clock.js';
import type { createWaiters } from '../ingest/trigger-waiters.js';
import type { RunReply } from '../engine/step-types.js';
import type { ExecutionStore, LoadedRun } from './execution-store.js';
import { triggerData, type VersionCache } from './run-state.js';
import type { RunStep } from './run-step.js';
import { applyToFrame, frameFrom } from '../engine/frame-state.js';
import { restoreLoops } from '../engine/loop-runs.js';
import { planTurn, trackLoopStart, type RunFrames, type Work } from '../engine/plan-turn.js';
import { StepsInFlight, type SettledStep } from './steps-in-flight.js';
import type { ClaimedJob, RunRow, StepRecord } from '../engine/records.js';
import type { CompiledVersion } from '../engine/compiled-version.js';
import { hasSideEffects } from '../engine/step-effects.js';
import { keptBytes, type ParkedRun, type ParkedRuns } from './parked-runs.js';
import type { FreshRuns } from './fresh-runs.js';
import { triggerBytes } from './run-budget.js';

export interface ExecuteDeps {
  store: ExecutionStore;
  versions: VersionCache;
  runStep: RunStep;
  clock: Clock;
  logger: Logger;
  replies: ReturnType<typeof createWaiters<RunReply>>;
  leaseMs: number;
  /** Runs this process parked for a retry: their next claim here starts from memory instead of a load. */
  parked?: ParkedRuns;
  /** Runs this process accepted: their first claim here starts from memory instead of a load. */
  fresh?: FreshRuns;
}

/** Records of steps without side effects held back from the commit, at most. */
const MAX_UNCOMMITTED = 64;

const stepKey = (frame: string, nodeId: string) => `${frame}\0${nodeId}`;

/** Stored attempts grouped by the frame they ran in ('' for the top level). */
function byFrame(records: readonly StepRecord[]): Map<string, StepRecord[]> {
  const out = new Map<string, StepRecord[]>();
  for (const r of records) {
    const key = r.frame ?? '';
    const list = out.get(key);
    if (list) list.push(r);
    else out.set(key, [r]);
  }
  return out;
}

/**
 * Carries one claimed run forward as far as it can go: plan every live frame (the top level
 * and the loop items in flight), start the ready steps, and re-plan each time one ends; then
 * finish the run or put it aside until its next due time. Finished steps are committed before a later step
 * with side effects starts, so a crash never repeats a step whose output left the run; the
 * last steps and the run's end share one transaction.
 */
export function createExecuteRun(d: ExecuteDeps) {
  return async function executeRun(job: ClaimedJob, owner: string, signal: AbortSignal, held: (bytes: number) => void): Promise<void> {
    // A run this process parked, claimed next by this process, or accepted and claimed here first:
    // nothing but a cancel can have changed it since. Both are asked, so that each forgets the run.
    const parkedHere = d.parked?.take(job);
    const acceptedHere = d.fresh?.take(job);
    const kept = parkedHere ?? acceptedHere;
    const loaded = kept ?? (await d.store.load(job.runId));
    const now = () => d.clock.now();
    // Every write of this run names this claim: once it is stale, nothing more commits.
    const lease = { runId: job.runId, owner, claims: job.claims };
    if (!loaded) {
      d.logger.error({ runId: job.runId, workflowId: job.workflowId }, 'claimed a job whose run or event is missing');
      await d.store.apply({ ...lease, now: now(), steps: [], finish: { status: 'failed', error: { code: 'run_missing', message: 'The run or its event is missing.' } } });
      return;
    }
    const { run } = loaded;
    // What the run holds while it executes, for the worker's memory budget (run-budget.ts).
    held(heldBytesOf(loaded));
    const version = await d.versions(run.workflowId, run.version);
    let pending: StepRecord[] = [];
    const finish = async (status: 'succeeded' | 'failed' | 'cancelled', error?: StepRecord['error']) => {
      await d.store.apply({ ...lease, now: now(), steps: pending, finish: { status, error }, run });
      d.replies.deliver(run.id, { kind: 'finished' });
    };
    if (!version) return finish('failed', { code: 'version_missing', message: `Workflow version ${run.version} no longer exists.` });

    const trigger = 'trigger' in loaded ? loaded.trigger : triggerData(loaded.event, version.trigger);
    const stored = byFrame(loaded.steps);
    const errors = new Map(loaded.steps.filter((s) => s.error).map((s) => [stepKey(s.frame ?? '', s.nodeId), s.error] as const));
    // Whether a step may be parked `waiting` (stored so, or recorded so in this turn): only then can parking have more to do than a retry's.
    let stepsWaiting = loaded.steps.some((s) => s.status === 'waiting');
    // Every attempt this turn recorded, committed or not yet: the run's steps after a park are the loaded ones and these.
    const recorded: StepRecord[] = [];
    const root = frameFrom('', version.frames.root, stored.get('') ?? [], { input: trigger, output: trigger });
    const frames: RunFrames = {
      runId: run.id,
      version,
      root,
      loops: [],
      record(frame, r) {
        applyToFrame(frame, r);
        pending.push(r);
        recorded.push(r);
        if (r.status === 'waiting') stepsWaiting = true;
        if (r.error) errors.set(stepKey(frame.key, r.nodeId), r.error);
        trackLoopStart(frames, frame, r);
      },
      errorOf: (frame, nodeId) => errors.get(stepKey(frame.key, nodeId)),
    };
    restoreLoops(root, stored, version, frames.loops);
    const deferredUntil = new Map<string, number>();
    // Whether the run was cancelled, as last read with another statement (the run's load, the claim,
    // a commit); undefined once stale.
    let cancelSeen = cancelKnownAtStart(job, kept !== undefined, run);
    const inFlight = new StepsInFlight();
    // Finished steps are committed before a later step with side effects starts and before the
    // executor waits on the steps still in flight: a crash never repeats a step whose output
    // was seen outside the run (see hasSideEffects).
    const commitEnded = async (): Promise<boolean | undefined> => {
      if (!pending.length) return undefined;
      const { cancelled } = await d.store.hold(lease, now() + d.leaseMs, pending);
      pending = [];
      return cancelled;
    };
    const settle = (ended: SettledStep[]) => {
      for (const { frame, result } of ended) {
        if (result.kind === 'deferred') deferredUntil.set(stepKey(frame.key, result.nodeId), result.until);
        else frames.record(frame, result.record);
      }
    };

    // Re-plans each time a step ends, so each branch moves at its own pace: a step starts as
    // soon as its own inputs are ready, not when the slowest step started beside it has ended.
    for (;;) {
      const turn = planTurn(frames, now());
      if (turn.kind === 'finished') {
        // A failure ends the run only once its siblings in flight have ended and been recorded.
        if (inFlight.size) {
          await commitEnded();
          settle(await inFlight.drain());
          continue;
        }
        return turn.failedNode ? finish('failed', failureOf(turn.failedNode, version, frames.errorOf(root, turn.failedNode))) : finish(turn.status);
      }
      const isNew = (w: Work) => !deferredUntil.has(stepKey(w.frame.key, w.nodeId)) && !inFlight.has(stepKey(w.frame.key, w.nodeId));
      const ready = signal.aborted ? [] : turn.work.filter(isNew);
      // Only a step that can change something outside the run needs what ended before it committed first.
      // A bound keeps a long loop of such steps from holding (and, after a crash, repeating) all of its work.
      const mustCommit = ready.length > 0 && (pending.length >= MAX_UNCOMMITTED || ready.some((w) => hasSideEffects(version.nodes.get(w.nodeId))));
      // A cancel is stored first, then noticed here: before every step that could act outside the
      // run, and before the run parks or ends. The status read with the run, or returned by this
      // turn's commit, serves (with nothing to commit, the run's load is the latest read); otherwise
      // it takes a read of its own, except before a park: the park reads it in its own unit and
      // writes nothing for a cancelled run (AppliedTurn.cancelled). Steps without side effects may
      // run once more after a cancel; the run still ends cancelled, as stored.
      const known = (mustCommit ? await commitEnded() : undefined) ?? cancelSeen;
      cancelSeen = undefined;
      const parksNext = !ready.length && !inFlight.size;
      if ((mustCommit || !ready.length || known) && (known ?? (!parksNext && (await d.store.isCancelled(run.id))))) {
        settle(await inFlight.drain());
        return finish('cancelled');
      }
      if (!ready.length) {
        if (inFlight.size) {
          await commitEnded();
          settle(await inFlight.next());
          continue;
        }
        const candidates = [...deferredUntil.values(), ...turn.waits];
        const until = signal.aborted || !candidates.length ? now() : Math.min(...candidates);
        const parked = await d.store.apply({ ...lease, now: now(), steps: pending, waitUntil: until, stepsWaiting });
        // Cancelled meanwhile: nothing was written, so this turn's attempts are still pending and end with the run.
        if (parked.cancelled) return finish('cancelled');
        // Parked (the write committed): a step parked `waiting` is written by others, so only a retry's or a deferral's state is kept.
        if (d.parked && !stepsWaiting && !signal.aborted) d.parked.keep(run.id, { claims: job.claims, run, stored: loaded.steps, recorded, trigger, until, storedBytes: keptBytes(loaded) }, now());
        return;
      }
      for (const w of ready) inFlight.start(stepKey(w.frame.key, w.nodeId), w.frame, d.runStep({ run, trigger, version, frame: w.frame, nodeId: w.nodeId, signal }));
      settle(await inFlight.next());
    }
  };
}

/**
 * Whether the run was cancelled as its execution here starts, when a statement already told: the
 * run's load, or, for a run kept in memory (not read back), its claim's guarded move to running
 * where the store reports it (`ClaimedJob.runActive`). A cancel stored after that claim aborts the
 * run's signal, even one told before the run started here (early-cancels.ts). Undefined otherwise:
 * the first check that needs it takes a read of its own.
 */
function cancelKnownAtStart(job: ClaimedJob, kept: boolean, run: RunRow): boolean | undefined {
  if (!kept) return run.status === 'cancelled';
  return job.runActive ? false : undefined;
}

/** About the bytes a run's data holds: as measured when it was kept in memory, else estimated from its event. */
function heldBytesOf(state: LoadedRun | ParkedRun): number {
  return keptBytes(state) ?? ('event' in state ? triggerBytes(state.event.body.length, state.event.headers) : 0);
}

/** The run's error: which step failed and why, in one sentence. */
function failureOf(nodeId: string, version: CompiledVersion, cause: StepError | undefined): StepError {
  const label = version.nodes.get(nodeId)?.label ?? nodeId;
  const why = cause ? `: ${cause.message}` : '.';
  return { code: 'step_failed', message: `Step "${label}" failed${why}`, nodeId, cause: cause?.code };
}
