import type { StepError } from '../../shared/runs/run-status.js';
import type { Clock } from '../lib/clock.js';

/** The data a step can read, in code and in `{{ }}` expressions. */
export interface StepScope {
  trigger: { body: unknown; headers: Record<string, string>; query: Record<string, string | string[]>; method: string; path?: string };
  /** The output of the step just before. */
  input: unknown;
  /** Outputs of every earlier finished step, by node id. */
  steps: Record<string, unknown>;
}

/** The result of rendering templates: a value, or an error that points at the field. */
export type RenderResult = { ok: true; value: unknown } | { ok: false; error: StepError };

/** Evaluates every `{{ }}` inside a value against a scope, in one go. */
export interface ExpressionEvaluator {
  render(value: unknown, scope: StepScope): Promise<RenderResult>;
}

/** What a Respond step hands back to a trigger request that waits for it. */
export interface TriggerReply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Everything a runner may use besides its config. */
export interface StepContext {
  runId: string;
  workflowId: string;
  nodeId: string;
  /** 1 for the first attempt. */
  attempt: number;
  scope: StepScope;
  /** Same value on every attempt of this step of this run: send it as `Idempotency-Key`. */
  idempotencyKey: string;
  clock: Clock;
  /** Aborted when the run is cancelled or the server shuts down. */
  signal: AbortSignal;
  render: (value: unknown) => Promise<RenderResult>;
  /** The outputs of every incoming edge that was taken, in edge order (a Merge step combines them). */
  incoming: readonly { from: string; output: unknown }[];
  /** Answers the waiting trigger request, if any (Respond step). */
  replyToTrigger: (reply: TriggerReply) => void;
}

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

/** A step parked by a `wait` outcome that is due again: its time came, or something woke it early. */
export interface ParkedStep {
  /** The attempt that parked; resuming continues it (`ctx.attempt` is the same number). */
  attempt: number;
  /** When the stored wait was due (earlier than the runner asked for when something woke it). */
  dueAt: number | undefined;
}

/** Runs one node type; `config` is already checked against the node type's schema. */
export interface StepRunner<C> {
  run(config: C, ctx: StepContext): Promise<StepOutcome>;
  /**
   * Continues a parked step when it comes due; it may park again with another `wait`.
   * Without it a due step succeeds with its input (a delay).
   */
  resume?(config: C, ctx: StepContext, parked: ParkedStep): Promise<StepOutcome>;
}
