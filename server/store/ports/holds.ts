import type { NewEvent, StartedRun, StartRun } from './runs.js';

/**
 * Where a workflow stands on the pause switch (distinct from active/inactive): `off` runs
 * events as they come, `paused` holds them, `resuming` still holds new ones while the held
 * ones are released in arrival order; the last release turns it `off` in the same unit.
 */
export type PauseState = 'off' | 'paused' | 'resuming';

/** A new event from a live trigger: held while its workflow is paused or resuming, else started as `startRun` does. */
export type IntakeInput = Omit<StartRun, 'event' | 'copies' | 'replayOf' | 'lineage'> & { event: NewEvent };

/** `held`: stored without a run (`duplicate`: the dedupe key was seen before and that event is still held). */
export type IntakeResult = StartedRun | { kind: 'held'; eventId: string; duplicate: boolean };

/** What one release did: how many held events became runs, and whether the workflow is `off` now. */
export interface Released {
  started: number;
  state: PauseState;
}

/** Pause and hold: events stored durably without a run, released later in arrival order, each once. */
export interface HoldPort {
  /** Stores the event and, unless the workflow is paused or resuming, its run and job (one atomic unit). */
  intake(input: IntakeInput): Promise<IntakeResult>;
  /** `off` or `resuming` -> `paused`; false when there is no such workflow. */
  pause(workflowId: string, now: number): Promise<boolean>;
  /** `paused` -> `resuming`; answers the state after the call (`off` stays `off`), undefined for no such workflow. */
  beginResume(workflowId: string, now: number): Promise<PauseState | undefined>;
  /**
   * While `resuming`: starts up to `limit` of the oldest held events as runs (pinned to the
   * version and concurrency they arrived under) and drops their hold, in one unit; when none
   * are left it turns the workflow `off` in that same unit. Concurrent releases never start
   * an event twice. Does nothing while `paused` or `off`.
   */
  release(workflowId: string, limit: number, now: number): Promise<Released>;
  /** The pause state and how many events are held; `off` and 0 for an unknown workflow. */
  status(workflowId: string): Promise<{ state: PauseState; held: number }>;
  /** Workflows left `resuming` (a server died mid-release): release them at start. */
  resuming(): Promise<string[]>;
}
