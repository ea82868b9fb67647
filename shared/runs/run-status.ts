/** Where a run is in its life. `waiting`: a step waits for a retry or a delay, with a time. */
export const runStatuses = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof runStatuses)[number];
export const finishedRunStatuses: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * One attempt of one step. `skipped`: its inputs were not taken (a branch went the other way,
 * a filter stopped). `retrying`: this attempt failed and another is scheduled. `waiting`: a
 * delay holds the step until `nextAttemptAt`, when it resumes and succeeds. `cancelled`: the
 * run was cancelled while this attempt waited for a retry or a delay.
 */
export const stepStatuses = ['running', 'succeeded', 'failed', 'retrying', 'waiting', 'skipped', 'cancelled'] as const;
export type StepStatus = (typeof stepStatuses)[number];

/** A step error as stored and shown: a stable code, a message, optional details. */
export interface StepError {
  code: string;
  message: string;
  retryable?: boolean;
  [detail: string]: unknown;
}
