import type { StepRecord } from '../../engine/records.js';

/** Step attempts. A step with a succeeded attempt is never run again (the planner checks). */
export interface StepPort {
  /** Stores one attempt (replacing a record of the same run, frame, node and attempt). */
  recordStep(record: StepRecord): Promise<void>;
  /** Every attempt of the run, in every frame. */
  forRun(runId: string): Promise<StepRecord[]>;
  /** The attempts of one frame ('' for the top level). */
  inFrame(runId: string, frame: string): Promise<StepRecord[]>;
  /** The end records of the items of loop `loopId` that runs in frame `parent`, in item order. */
  iterations(runId: string, loopId: string, parent: string, offset: number, limit: number): Promise<StepRecord[]>;
}
