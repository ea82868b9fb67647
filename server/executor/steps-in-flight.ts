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
 */
export function createStepsInFlight() {
  const running = new Set<string>();
  const settled: SettledStep[] = [];
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  return {
    has: (key: string) => running.has(key),
    get size() {
      return running.size;
    },
    start(key: string, frame: FrameState, step: Promise<StepResult>): void {
      running.add(key);
      step
        .then(
          (result) => settled.push({ frame, result }),
          (error: unknown) => (failure ??= { error }),
        )
        .finally(() => {
          running.delete(key);
          notify();
        });
    },
    /** Every step that ended since the last call; waits for one if none has. A step that threw rethrows here. */
    async next(): Promise<SettledStep[]> {
      if (!settled.length && !failure && running.size) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure.error;
      return settled.splice(0);
    },
    /** Waits until no step runs (used before the run ends or is put aside), and returns what ended meanwhile. */
    async drain(): Promise<SettledStep[]> {
      const out: SettledStep[] = [];
      while (running.size || settled.length) out.push(...(await this.next()));
      if (failure) throw failure.error;
      return out;
    },
  };
}
