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
 *
 * A class, not an object literal with a `size` getter: Node 20 builds a literal that has an
 * accessor on a slow path, about 1 us each, and the executor makes one per run.
 */
export class StepsInFlight {
  private readonly started = new Set<string>();
  private readonly settled: Array<SettledStep & { key: string }> = [];
  private running = 0;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;

  has(key: string): boolean {
    return this.started.has(key);
  }

  /** Steps started whose result the executor has not taken yet (still running or ended and waiting). */
  get size(): number {
    return this.started.size;
  }

  start(key: string, frame: FrameState, step: Promise<StepResult>): void {
    this.started.add(key);
    this.running += 1;
    step
      .then(
        (result) => this.settled.push({ key, frame, result }),
        (error: unknown) => (this.failure ??= { error }),
      )
      .finally(() => {
        this.running -= 1;
        this.notify();
      });
  }

  /** Every step that ended since the last call; waits for one if none has. A step that threw rethrows here. */
  async next(): Promise<SettledStep[]> {
    if (!this.settled.length && !this.failure && this.running) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failure) throw this.failure.error;
    return this.takeSettled();
  }

  /** Waits until no step runs (used before the run ends or is put aside), and returns what ended meanwhile. */
  async drain(): Promise<SettledStep[]> {
    const out: SettledStep[] = [];
    while (this.running || this.settled.length) out.push(...(await this.next()));
    if (this.failure) throw this.failure.error;
    return out;
  }

  private notify(): void {
    this.wake?.();
    this.wake = undefined;
  }

  /** Hands the ended steps over: from now on they are the executor's records, no longer in flight. */
  private takeSettled(): SettledStep[] {
    return this.settled.splice(0).map(({ key, frame, result }) => {
      this.started.delete(key);
      return { frame, result };
    });
  }
}
