import type { FrameState } from '../engine/frame-state.js';
import type { StepResult } from './run-step.js';

/** A step that has ended, with the frame it ran in. */
export interface SettledStep {
  frame: FrameState;
  result: StepResult;
}

/**
 * The steps of one run that are running now, keyed by frame and node. Each one settles into a
 * queue in the order it ends, so the executor can re-plan as soon as one step ends instead of
 * waiting for the slowest of a set (a fast branch never waits for a slow sibling).
 *
 * A step stays in flight (`has`, `size`) until `next` or `drain` has handed its result to the
 * executor, not merely until it ends: the executor plans from what it has recorded, and a
 * step that ended while the executor awaited the store (a commit, the cancel check) must not
 * look ready to start again. Ending alone would free it and send its request a second time.
 */
export function createStepsInFlight() {
  const started = new Set<string>();
  const settled: Array<SettledStep & { key: string }> = [];
  let running = 0;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  /** Hands the ended steps over: from now on they are the executor's records, no longer in flight. */
  const takeSettled = (): SettledStep[] =>
    settled.splice(0).map(({ key, frame, result }) => {
      started.delete(key);
      return { frame, result };
    });

  return {
    has: (key: string) => started.has(key),
    /** Steps started whose result the executor has not taken yet (still running or ended and waiting). */
    get size() {
      return started.size;
    },
    start(key: string, frame: FrameState, step: Promise<StepResult>): void {
      started.add(key);
      running += 1;
      step
        .then(
          (result) => settled.push({ key, frame, result }),
          (error: unknown) => (failure ??= { error }),
        )
        .finally(() => {
          running -= 1;
          notify();
        });
    },
    /** Every step that ended since the last call; waits for one if none has. A step that threw rethrows here. */
    async next(): Promise<SettledStep[]> {
      if (!settled.length && !failure && running) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure.error;
      return takeSettled();
    },
    /** Waits until no step runs (used before the run ends or is put aside), and returns what ended meanwhile. */
    async drain(): Promise<SettledStep[]> {
      const out: SettledStep[] = [];
      while (running || settled.length) out.push(...(await this.next()));
      if (failure) throw failure.error;
      return out;
    },
  };
}
