import type { Logger } from 'pino';
import { recordOutcome } from '../engine/record-outcome.js';
import { retryPolicyFor } from '../engine/retry-policy.js';
import type { Clock } from '../lib/clock.js';
import { getNodeType } from '../../shared/nodes/registry.js';
import type { ExpressionEvaluator, ParkedStep, StepContext, StepRunner } from '../runners/runner.js';
import type { createWaiters } from '../ingest/trigger-waiters.js';
import type { RunReply } from '../engine/step-types.js';
import { scopeIn, takenInputs, type FrameState } from '../engine/frame-state.js';
import { idempotencyKeyFor } from './idempotency-key.js';
import { parsedConfigOf } from '../engine/node-config.js';
import { withResumeLinks } from '../waits/scope-links.js';
import type { ResumeLinks } from '../waits/resume-links.js';
import { isTestRunPath, pinnedOutputOf } from '../engine/test-run.js';
import type { RunRow, StepRecord } from '../engine/records.js';
import type { CompiledVersion } from '../engine/compiled-version.js';
import type { StepOutcome, StepScope } from '../engine/step-types.js';

export interface RunStepInput {
  run: RunRow;
  trigger: StepScope['trigger'];
  version: CompiledVersion;
  /** The frame the step runs in: the top level or one item of a loop. */
  frame: FrameState;
  nodeId: string;
  signal: AbortSignal;
}

export type StepResult = { kind: 'record'; nodeId: string; record: StepRecord } | { kind: 'deferred'; nodeId: string; until: number };

export interface RunStepDeps {
  runners: Readonly<Record<string, StepRunner<never>>>;
  expressions: ExpressionEvaluator;
  clock: Clock;
  random: () => number;
  logger: Logger;
  replies: ReturnType<typeof createWaiters<RunReply>>;
  /** Hides stored credential values in what is recorded (input, output, error, logs, detail). */
  redact: <T>(value: T) => T;
  /** Makes the resume URLs of wait and approval steps readable before they run; without it they appear only in those steps' output. */
  links?: Pick<ResumeLinks, 'linksOf'>;
  /** The workflow variables a step reads as `vars` (none when not given). */
  variables?: () => Promise<Readonly<Record<string, string>>>;
}

/** Runs one attempt of one step: checks its config, builds its scope, calls its runner, and shapes the record. */
export function createRunStep(d: RunStepDeps) {
  return async function runStep(i: RunStepInput): Promise<StepResult> {
    const node = i.version.nodes.get(i.nodeId);
    const previous = i.frame.progress.get(i.nodeId);
    const startedAt = d.clock.now();
    const frame = i.frame.key;
    const scope: StepScope = {
      ...withResumeLinks(scopeIn(i.frame, i.nodeId, i.trigger), i.version.nodes.values(), i.run.id, frame, d.links),
      vars: d.variables ? await d.variables() : {},
      run: { id: i.run.id },
    };
    // A due wait continues the same attempt: through the runner's `resume` when it has one (a sub-workflow).
    const parked: ParkedStep | undefined = previous?.status === 'waiting' ? { attempt: previous.attempt, dueAt: previous.nextAttemptAt, output: previous.parkedOutput } : undefined;
    if (parked && !canResume(d.runners, node?.type)) {
      // A due wait resumes: the same attempt, now succeeded, passing its input on.
      const resumed: StepRecord = {
        runId: i.run.id,
        frame,
        nodeId: i.nodeId,
        attempt: parked.attempt,
        status: 'succeeded',
        input: scope.input,
        output: scope.input,
        ports: ['out'],
        startedAt,
        finishedAt: startedAt,
      };
      return { kind: 'record', nodeId: i.nodeId, record: resumed };
    }
    const attempt = parked ? parked.attempt : (previous?.attempt ?? 0) + 1;
    const type = node && getNodeType(node.type);
    const runner = node && Object.prototype.hasOwnProperty.call(d.runners, node.type) ? d.runners[node.type] : undefined;
    let outcome: StepOutcome;
    let config: unknown;
    // A test run uses a step's pinned output instead of running it: nothing is called, nothing sent.
    const pinned = isTestRunPath(i.trigger.path) && type?.kind !== 'trigger' ? pinnedOutputOf(i.version.definition, i.nodeId) : undefined;
    if (pinned) {
      outcome = { kind: 'succeeded', output: pinned.output, detail: { pinned: true } };
    } else if (!node || !type || !runner) {
      outcome = { kind: 'failed', error: { code: 'unknown_node_type', message: `No runner for node type "${node?.type}".` } };
    } else {
      const parsed = parsedConfigOf(node, type.configSchema);
      config = parsed.data;
      outcome = parsed.success
        ? await callRunner(
            runner,
            parsed.data,
            new RunnerContext(i.run, i.nodeId, frame, attempt, scope, {
              clock: d.clock,
              signal: i.signal,
              render: (value) => d.expressions.render(value, scope),
              incoming: takenInputs(i.frame, i.nodeId, scope),
              replyToTrigger: (reply) => d.replies.deliver(i.run.id, { kind: 'reply', reply }),
            }),
            d.logger,
            parked,
          )
        : { kind: 'failed', error: { code: 'config_invalid', message: parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') } };
    }
    // A step cut short by shutdown was not the endpoint's fault: try it again later without spending an attempt.
    if (i.signal.aborted && outcome.kind === 'failed') outcome = { kind: 'deferred', until: d.clock.now(), reason: 'server shutting down' };
    const recorded = recordOutcome(outcome, {
      runId: i.run.id,
      nodeId: i.nodeId,
      attempt,
      input: scope.input,
      startedAt,
      finishedAt: d.clock.now(),
      policy: retryPolicyFor(node?.type ?? '', config),
      random: d.random,
      onFailure: node?.onFailure,
    });
    return recorded.kind === 'record' ? { kind: 'record', nodeId: i.nodeId, record: d.redact({ ...recorded.record, frame }) } : { kind: 'deferred', nodeId: i.nodeId, until: recorded.until };
  };
}
export type RunStep = ReturnType<typeof createRunStep>;

/**
 * What a runner gets besides its config. A class, so that the idempotency key can be a getter on
 * its prototype: it is hashed on first read, since only steps that call out use it (a sha256 per
 * step was 0.9 % of the server's CPU), and Node 20 builds an object literal that has a getter on a
 * slow path, about 1 us each (bench/object-spread.mjs). The fields are own data properties.
 */
class RunnerContext implements StepContext {
  readonly runId: string;
  readonly workflowId: string;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly render: StepContext['render'];
  readonly incoming: StepContext['incoming'];
  readonly replyToTrigger: StepContext['replyToTrigger'];
  private key: string | undefined;

  constructor(
    private readonly run: RunRow,
    readonly nodeId: string,
    readonly frame: string,
    readonly attempt: number,
    readonly scope: StepScope,
    io: Pick<StepContext, 'clock' | 'signal' | 'render' | 'incoming' | 'replyToTrigger'>,
  ) {
    this.runId = run.id;
    this.workflowId = run.workflowId;
    this.clock = io.clock;
    this.signal = io.signal;
    this.render = io.render;
    this.incoming = io.incoming;
    this.replyToTrigger = io.replyToTrigger;
  }

  get idempotencyKey(): string {
    return (this.key ??= idempotencyKeyFor(this.run, this.nodeId, this.frame));
  }
}

/** A runner that throws is a bug, not the user's fault: it becomes a failed attempt with a generic message, and is logged. */
async function callRunner(runner: StepRunner<never>, config: unknown, ctx: Parameters<StepRunner<unknown>['run']>[1], logger: Logger, parked?: ParkedStep): Promise<StepOutcome> {
  const r = runner as StepRunner<unknown>;
  try {
    return await (parked && r.resume ? r.resume(config, ctx, parked) : r.run(config, ctx));
  } catch (err) {
    logger.error({ err, runId: ctx.runId, workflowId: ctx.workflowId, nodeId: ctx.nodeId }, 'step runner threw');
    return { kind: 'failed', error: { code: 'internal_error', message: 'The step failed unexpectedly; the server log has details.', retryable: false } };
  }
}

/** Whether the runner of a node type continues parked steps itself. */
function canResume(runners: RunStepDeps['runners'], type: string | undefined): boolean {
  return type !== undefined && Object.prototype.hasOwnProperty.call(runners, type) && typeof runners[type]?.resume === 'function';
}
