/** Where one schedule trigger stands (migration 009). */
export interface ScheduleState {
  workflowId: string;
  nodeId: string;
  /** The timetable the cursor belongs to (`specKey`). */
  spec: string;
  /** Every tick at or before this time is handled. */
  cursor: number;
  /** The scheduled time of the last tick that started a run. */
  lastTick: number | null;
  lastRunId: string | null;
  updatedAt: number;
}

/** Schedule cursors: where each schedule trigger stands, so a restart owes exactly the missed ticks. */
export interface SchedulePort {
  all(): Promise<ScheduleState[]>;
  get(workflowId: string, nodeId: string): Promise<ScheduleState | undefined>;
  upsert(state: ScheduleState): Promise<void>;
  remove(workflowId: string, nodeId: string): Promise<void>;
}
