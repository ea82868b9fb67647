import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { getNodeType } from '../../shared/nodes/registry.js';
import type { WorkflowNode } from '../../shared/graph/workflow-schema.js';
import type { StepError } from '../../shared/runs/run-status.js';
import type { Clock } from '../lib/clock.js';
import type { ExpressionEvaluator, StepRunner } from '../runners/runner.js';
import type { StepScope } from '../engine/step-types.js';

/** What "Test this step" shows: how the one attempt ended, redacted like a run record. */
export type OneStepResult = { status: 'succeeded'; output: unknown; ports: readonly string[]; logs: string[] } | { status: 'failed'; error: StepError; logs: string[] };

/** Node types that only make sense inside a run (they park, iterate, answer a request or start runs). */
export const NOT_TESTABLE_ALONE: ReadonlySet<string> = new Set(['loop', 'subworkflow', 'respond', 'delay', 'wait', 'approval']);

export interface ExecuteOneStepDeps {
  runners: Readonly<Record<string, StepRunner<never>>>;
  expressions: ExpressionEvaluator;
  clock: Clock;
  logger: Logger;
  redact: <T>(value: T) => T;
}

/**
 * Runs one step once, outside any run: nothing is stored, no retry is scheduled, nothing
 * downstream runs. The caller builds the scope (sample trigger, pinned upstream outputs).
 */
export function createExecuteOneStep(d: ExecuteOneStepDeps) {
  return async function executeOneStep(i: {
    workflowId: string;
    node: WorkflowNode;
    scope: StepScope;
    incoming: { from: string; output: unknown; input?: number }[];
    signal: AbortSignal;
  }): Promise<OneStepResult> {
    const type = getNodeType(i.node.type);
    const runner = Object.hasOwn(d.runners, i.node.type) ? (d.runners[i.node.type] as StepRunner<unknown> | undefined) : undefined;
    if (!type || !runner) return { status: 'failed', error: { code: 'unknown_node_type', message: `No runner for node type "${i.node.type}".` }, logs: [] };
    const parsed = type.configSchema.safeParse(i.node.config);
    if (!parsed.success) return { status: 'failed', error: { code: 'config_invalid', message: parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') }, logs: [] };
    let outcome;
    try {
      outcome = await runner.run(parsed.data, {
        runId: 'test-step',
        workflowId: i.workflowId,
        nodeId: i.node.id,
        attempt: 1,
        scope: i.scope,
        // A fresh key each time: testing a step twice sends it twice, on purpose.
        idempotencyKey: `test-step-${randomUUID()}`,
        clock: d.clock,
        signal: i.signal,
        render: (value) => d.expressions.render(value, i.scope),
        incoming: i.incoming,
        replyToTrigger: () => undefined,
      });
    } catch (err) {
      d.logger.error({ err, workflowId: i.workflowId, nodeId: i.node.id }, 'step runner threw in a step test');
      return { status: 'failed', error: { code: 'internal_error', message: 'The step failed unexpectedly; the server log has details.' }, logs: [] };
    }
    switch (outcome.kind) {
      case 'succeeded':
        return d.redact({ status: 'succeeded', output: outcome.output, ports: outcome.ports ?? ['out'], logs: outcome.logs ?? [] });
      case 'failed':
        return d.redact({ status: 'failed', error: outcome.error, logs: outcome.logs ?? [] });
      case 'deferred':
        return { status: 'failed', error: { code: 'deferred', message: `The step could not run now (${outcome.reason}); try again.` }, logs: [] };
      case 'wait':
      case 'iterate':
        return { status: 'failed', error: { code: 'not_testable_alone', message: 'This step only runs inside a run: use Test run.' }, logs: [] };
      default:
        return outcome satisfies never;
    }
  };
}
export type ExecuteOneStep = ReturnType<typeof createExecuteOneStep>;
