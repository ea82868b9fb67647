import { subworkflowTimeoutMs, type SubworkflowConfig } from '../../shared/nodes/subworkflow.node.js';
import type { ChildRuns } from '../services/child-runs.js';
import type { StepContext, StepOutcome, StepRunner } from './runner.js';
import type { RunRow } from '../engine/records.js';

/** One call is one attempt of one step in one frame: the step's idempotency key covers run, node and frame. */
const callKey = (ctx: StepContext) => `${ctx.idempotencyKey}#${ctx.attempt}`;

/** Where a waited-for child stands, as the calling step's outcome. */
async function settle(children: ChildRuns, config: SubworkflowConfig, ctx: StepContext, child: RunRow): Promise<StepOutcome> {
  const detail = { childRunId: child.id, childWorkflowId: child.workflowId };
  switch (child.status) {
    case 'succeeded':
      return { kind: 'succeeded', output: await children.resultOf(child), detail };
    case 'failed':
      return {
        kind: 'failed',
        error: {
          code: 'subworkflow_failed',
          message: `The sub-workflow run ${child.id} failed: ${child.error?.message ?? 'no reason was recorded.'}`,
          retryable: false,
          childRunId: child.id,
          childError: child.error ?? null,
        },
        detail,
      };
    case 'cancelled':
      return { kind: 'failed', error: { code: 'subworkflow_cancelled', message: `The sub-workflow run ${child.id} was cancelled.`, retryable: false, childRunId: child.id }, detail };
    case 'queued':
    case 'running':
    case 'waiting': {
      // The deadline counts from the child's start, so it stays the same however often the step wakes.
      const deadline = child.createdAt + subworkflowTimeoutMs(config);
      if (ctx.clock.now() >= deadline) {
        await children.cancel(child, `Cancelled: the calling step ${ctx.nodeId} of run ${ctx.runId} stopped waiting after ${String(config.timeout)}.`);
        return {
          kind: 'failed',
          error: {
            code: 'subworkflow_timeout',
            message: `The sub-workflow run ${child.id} did not finish within ${String(config.timeout)}; it was cancelled.`,
            retryable: false,
            childRunId: child.id,
          },
          detail,
        };
      }
      return { kind: 'wait', until: deadline, output: { runId: child.id }, detail: { ...detail, timeoutAt: new Date(deadline).toISOString() } };
    }
    default: {
      const unreachable: never = child.status;
      return unreachable;
    }
  }
}

/**
 * Calls another workflow. The child run is started once per call; in `wait` mode the step
 * parks (a stored wait, not a timer) until the child ends, which wakes it at once, or until
 * its timeout. `fireAndForget` continues at once with `{runId}`.
 */
export function createSubworkflowRunner(children: ChildRuns): StepRunner<SubworkflowConfig> {
  return {
    async run(config, ctx) {
      const input = await ctx.render(config.input);
      if (!input.ok) return { kind: 'failed', error: input.error };
      const waits = config.mode === 'wait';
      const started = await children.start({ workflowId: config.workflowId, parentRunId: ctx.runId, parentNodeId: ctx.nodeId, waits, input: input.value, callKey: callKey(ctx) });
      if (!started.ok) return { kind: 'failed', error: started.error };
      if (!waits) return { kind: 'succeeded', output: { runId: started.run.id }, detail: { childRunId: started.run.id, childWorkflowId: started.run.workflowId } };
      return settle(children, config, ctx, started.run);
    },
    async resume(config, ctx) {
      const child = await children.find(config.workflowId, callKey(ctx));
      if (!child) return { kind: 'failed', error: { code: 'subworkflow_lost', message: 'The run this step waited for can no longer be found.', retryable: false } };
      return settle(children, config, ctx, child);
    },
  };
}
