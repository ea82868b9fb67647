/** One accepted call to a resume URL: its number (1 for the first), what it carried and when it came. */
export interface ResumeCall {
  use: number;
  payload: unknown;
  receivedAt: number;
}

/** Which parked step a resume URL belongs to: the run, the node and its frame ('' at the top level). */
export interface WaitKey {
  runId: string;
  nodeId: string;
  frame: string;
}

/**
 * `accepted` as call number `use`; `used_up`: the URL had taken its `maxUses` calls already;
 * `closed`: no call was stored and the step has ended without one (it timed out, its run was cancelled).
 */
export type RecordedCall = { kind: 'accepted'; use: number } | { kind: 'used_up'; uses: number } | { kind: 'closed' };

/** Calls to the resume URLs of `wait` and `approval` steps: stored, numbered, and waking the step. */
export interface WaitPort {
  /**
   * Stores a call as the next use while fewer than `maxUses` are stored, and makes the step's
   * parked attempt (and the run's job) due now: one atomic unit, so of two racing calls to a
   * single-use URL exactly one is accepted. A call that comes before the step parked is kept
   * for it (the step finds it when it runs). A first call to a step that already ended is
   * refused (`closed`), checked in the same unit, so a call racing the timeout is never
   * acknowledged and then ignored.
   */
  recordCall(key: WaitKey, maxUses: number, payload: unknown, now: number): Promise<RecordedCall>;
  /** The calls stored for a step, in the order they were accepted. */
  calls(key: WaitKey): Promise<ResumeCall[]>;
}
