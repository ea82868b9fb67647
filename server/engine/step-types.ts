// The vocabulary of one step: what it reads, how it ended, what it answers a waiting request.
// Runners, the executor and the engine share it; it lives here so none imports it backwards.
import type { StepError } from '../../shared/runs/run-status.js';

/** The data a step can read, in code and in `{{ }}` expressions. */
export interface StepScope {
  trigger: { body: unknown; headers: Record<string, string>; query: Record<string, string | string[]>; method: string; path?: string };
  /** The output of the step just before. */
  input: unknown;
  /** Outputs of every earlier finished step, by node id. */
  steps: Record<string, unknown>;
  /** Workflow variables by name (`vars.NAME`); absent where none are read (tests, previews). */
  vars?: Readonly<Record<string, string>>;
  /** The run this step belongs to (`run.id`); a replay is a new run with its own id. Absent in tests and previews. */
  run?: { id: string };
}

/** What a Respond step hands back to a trigger request that waits for it. */
export interface TriggerReply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** A Respond step's answer, or `finished` when the run ended without one. */
export type RunReply = { kind: 'reply'; reply: TriggerReply } | { kind: 'finished' };

/**
 * How one attempt of a step ended. `failed` errors may be `retryable`; the engine decides
 * whether and when to retry from the step's policy. `deferred`: not attempted at all (an
 * open circuit, a rate limit) and tried again at `until` without spending an attempt.
 * `wait`: park the step until `until` (a delay); the engine then resumes it with `output`.
 * `iterate`: a loop's items; the engine runs the loop's body once per item.
 */
export type StepOutcome =
  | { kind: 'succeeded'; output: unknown; ports?: readonly string[]; logs?: string[]; detail?: Record<string, unknown> }
  | { kind: 'failed'; error: StepError; logs?: string[]; detail?: Record<string, unknown> }
  | { kind: 'deferred'; until: number; reason: string; detail?: Record<string, unknown> }
  | { kind: 'wait'; until: number; output: unknown; detail?: Record<string, unknown> }
  /** A loop starts: its body runs once per item, then the loop succeeds with the collected results. */
  | { kind: 'iterate'; items: unknown[]; detail?: Record<string, unknown> };
