import type { StepError } from '../../shared/runs/run-status.js';
import type { Clock } from '../lib/clock.js';
import type { StepScope, StepOutcome, TriggerReply } from '../engine/step-types.js';

// The step vocabulary lives with the engine; runners (and the sandbox) keep importing it from here.
export type { StepScope, StepOutcome, TriggerReply };

/** The result of rendering templates: a value, or an error that points at the field. */
export type RenderResult = { ok: true; value: unknown } | { ok: false; error: StepError };

/** Evaluates every `{{ }}` inside a value against a scope, in one go. */
export interface ExpressionEvaluator {
  render(value: unknown, scope: StepScope): Promise<RenderResult>;
}

/** Everything a runner may use besides its config. */
export interface StepContext {
  runId: string;
  workflowId: string;
  nodeId: string;
  /** The frame the step runs in: '' at the top level, `loop:3` for one item of a loop. */
  frame?: string;
  /** 1 for the first attempt. */
  attempt: number;
  scope: StepScope;
  /** Same value on every attempt of this step of this run: send it as `Idempotency-Key`. */
  idempotencyKey: string;
  clock: Clock;
  /** Aborted when the run is cancelled or the server shuts down. */
  signal: AbortSignal;
  render: (value: unknown) => Promise<RenderResult>;
  /**
   * The outputs of every incoming edge that was taken, in edge order (a Merge step combines them);
   * `input` is the edge's place among all the step's incoming edges, taken or not (0 for the first).
   */
  incoming: readonly { from: string; output: unknown; input?: number }[];
  /** Answers the waiting trigger request, if any (Respond step). */
  replyToTrigger: (reply: TriggerReply) => void;
}

/** A step parked by a `wait` outcome that is due again: its time came, or something woke it early. */
export interface ParkedStep {
  /** The attempt that parked; resuming continues it (`ctx.attempt` is the same number). */
  attempt: number;
  /** When the stored wait was due (earlier than the runner asked for when something woke it). */
  dueAt: number | undefined;
  /** The output the parking `wait` outcome stored (a wait step keeps its deadline there). */
  output?: unknown;
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
