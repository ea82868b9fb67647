// Per-process state: what this process knew of the runs it parked for a retry, so that their next
// claim, when it lands here again, starts without reading the run back (docs/architecture.md).
import type { ClaimedJob, StepRecord } from '../engine/records.js';
import type { StepScope } from '../engine/step-types.js';
import type { LoadedRun } from './execution-store.js';
import { approxSizeWithin } from '../lib/approx-size.js';
import { createSizedEntries } from '../lib/sized-entries.js';

/**
 * A parked run as its last turn left it: the claim it parked under, and its state after the park.
 * The event itself is not kept: the trigger data built from it is all a turn reads of it.
 */
export interface ParkedRun extends Omit<LoadedRun, 'event'> {
  claims: number;
  /** The trigger data built from the event: rebuilding it parses the body again. */
  trigger: StepScope['trigger'];
  /** When the run is due again: an entry far past this was claimed elsewhere (or never will be). */
  until: number;
  /** About how many bytes its trigger data and step records hold, as measured when it was kept (absent: not measured). */
  bytes?: number;
}

/** What a park hands over: the run's steps as loaded (`stored`) and as recorded by the turn that parked it. */
export interface ParkedTurn extends Omit<ParkedRun, 'steps' | 'bytes'> {
  stored: readonly StepRecord[];
  recorded: readonly StepRecord[];
  /**
   * The size of the trigger data and `stored`, when known: a run continued from an entry parks
   * again with them unchanged, so only the turn's own records are measured. A retried delivery
   * parks once per attempt, and its run's records grow with each: measuring them all every time
   * cost more with every attempt.
   */
  storedBytes?: number;
}

export interface ParkedRunsOptions {
  /** Entries kept at most; the oldest goes first. */
  max?: number;
  /** A park due later than this from now is not kept: the wait dwarfs the read it would save, and memory is held meanwhile. */
  horizonMs?: number;
  /** A run with more attempts than this is not kept (a long loop): its records are the memory. */
  maxSteps?: number;
  /** A run whose trigger data and step records hold more than this many bytes is not kept: a large payload is read back instead. */
  maxEntryBytes?: number;
  /** Bytes held by all entries at most; the oldest go first. */
  maxBytes?: number;
}

/** The measured size a run's state carries when it came from an entry here (a load or a fresh run carries none). */
export const keptBytes = (state: LoadedRun | ParkedRun): number | undefined => ('bytes' in state ? state.bytes : undefined);

const stepKey = (r: StepRecord) => `${r.frame ?? ''}\0${r.nodeId}\0${r.attempt}`;

/** The stored attempts after a turn recorded `recorded`: a record stored again replaces the one it repeats, as the store does. */
export function stepsAfter(stored: readonly StepRecord[], recorded: readonly StepRecord[]): StepRecord[] {
  if (!recorded.length) return [...stored];
  const byKey = new Map(stored.map((r) => [stepKey(r), r] as const));
  for (const r of recorded) byKey.set(stepKey(r), r);
  return [...byKey.values()];
}

/**
 * The state of runs this process parked for a retry or a deferral. A claim may use an entry only
 * when its fencing counter follows the park's directly (`claims` + 1): then nobody claimed the
 * run in between, in this process or another, so nothing but a cancel (read fresh by the
 * executor) can have changed its run, event or steps since. A park with a step `waiting` for
 * something outside the run (a callback, an approval, a child run) is never kept: others write
 * those steps. Whatever is taken, matching or not, is forgotten.
 */
export function createParkedRuns(o: ParkedRunsOptions = {}) {
  const max = o.max ?? 500;
  const horizonMs = o.horizonMs ?? 60_000;
  const maxSteps = o.maxSteps ?? 200;
  const maxEntryBytes = o.maxEntryBytes ?? 256 * 1024;
  const maxBytes = o.maxBytes ?? 32 * 1024 * 1024;
  const kept = createSizedEntries<ParkedRun>();
  return {
    /** Remembers a run this process has parked (the park committed) under the claim numbered `turn.claims`. */
    keep(runId: string, turn: ParkedTurn, now: number): void {
      kept.forget(runId);
      // The cheap test first: a long wait (a default retry schedule's minutes) merges no steps.
      if (turn.until - now > horizonMs || turn.stored.length > maxSteps) return;
      const { stored, recorded, storedBytes, ...rest } = turn;
      const steps = stepsAfter(stored, recorded);
      if (steps.length > maxSteps) return;
      // Measured only up to the cap: a run with a large payload costs one short walk, then is read
      // back. A record that replaces a stored one counts twice: an overestimate, on the safe side.
      const bytes = storedBytes === undefined ? approxSizeWithin([rest.trigger, steps], maxEntryBytes) : storedBytes + approxSizeWithin(recorded, maxEntryBytes - storedBytes);
      if (bytes > maxEntryBytes) return;
      const entry: ParkedRun = { ...rest, steps, bytes };
      // Entries go in due order, roughly: the oldest are those claimed elsewhere, or long overdue.
      kept.dropOldestWhile((e) => kept.size >= max || kept.bytes + bytes > maxBytes || e.until + horizonMs <= now);
      kept.set(runId, entry, bytes);
    },
    /** The state kept for the run of `job` when nobody claimed it since this process parked it; forgets the entry either way. */
    take(job: ClaimedJob): ParkedRun | undefined {
      const entry = kept.forget(job.runId);
      return entry && entry.claims + 1 === job.claims ? entry : undefined;
    },
    get size() {
      return kept.size;
    },
    /** About how many bytes the kept entries hold. */
    get bytes() {
      return kept.bytes;
    },
  };
}
export type ParkedRuns = ReturnType<typeof createParkedRuns>;
