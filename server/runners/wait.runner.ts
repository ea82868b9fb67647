import { TIMEOUT_OUTPUT, waitTimeoutMs, type WaitConfig } from '../../shared/nodes/wait.node.js';
import type { ApprovalConfig } from '../../shared/nodes/approval.node.js';
import type { WaitKey, WaitPort } from '../store/ports/waits.js';
import type { ResumeLinks } from '../waits/resume-links.js';
import type { ParkedStep, StepContext, StepOutcome, StepRunner } from './runner.js';

export interface WaitRunnerDeps {
  waits: Pick<WaitPort, 'calls'>;
  links: Pick<ResumeLinks, 'linksOf'>;
}

const keyOf = (ctx: StepContext): WaitKey => ({ runId: ctx.runId, nodeId: ctx.nodeId, frame: ctx.frame ?? '' });

/** The deadline the parking outcome stored: it stays the same however often the step is woken. */
function deadlineOf(parked: ParkedStep | undefined, fallback: number): number {
  const at = (parked?.output as { timeoutAt?: unknown } | undefined)?.timeoutAt;
  return typeof at === 'number' ? at : fallback;
}

/**
 * Parks until a call is stored for the step's resume URL or the deadline passes. Shared by the
 * wait and approval steps: `decide` turns the first stored call into the step's outcome. The
 * wait is a stored step state plus a job due at the deadline (as a delay's), and a call makes
 * both due at once (WaitPort.recordCall), so it survives restarts and holds no timer.
 */
async function settle(
  d: WaitRunnerDeps,
  ctx: StepContext,
  type: 'wait' | 'approval',
  deadline: number,
  decide: (payload: unknown, receivedAt: number, uses: number) => StepOutcome,
  kept: Record<string, unknown> = {},
): Promise<StepOutcome> {
  const key = keyOf(ctx);
  const links = d.links.linksOf(type, key);
  const calls = await d.waits.calls(key);
  const first = calls[0];
  if (first) return decide(first.payload, first.receivedAt, calls.length);
  const timeoutAt = new Date(deadline).toISOString();
  if (ctx.clock.now() >= deadline) return { kind: 'succeeded', output: { ...links, timedOut: true, timeoutAt }, ports: [TIMEOUT_OUTPUT], detail: { timeoutAt } };
  return { kind: 'wait', until: deadline, output: { ...links, ...kept, timeoutAt: deadline }, detail: { ...links, timeoutAt } };
}

/** The `wait` step: the JSON posted to its resume URL becomes its output (`body`), taking "out"; nobody in time takes "timeout". */
export function createWaitRunner(d: WaitRunnerDeps): StepRunner<WaitConfig> {
  const decide = (ctx: StepContext) => (payload: unknown, receivedAt: number, uses: number) => {
    const body = (payload as { body?: unknown } | null)?.body ?? null;
    return { kind: 'succeeded', output: { ...d.links.linksOf('wait', keyOf(ctx)), body, receivedAt: new Date(receivedAt).toISOString(), calls: uses }, ports: ['out'] } as const;
  };
  return {
    run: (config, ctx) => settle(d, ctx, 'wait', ctx.clock.now() + waitTimeoutMs(config), decide(ctx)),
    resume: (config, ctx, parked) => settle(d, ctx, 'wait', deadlineOf(parked, ctx.clock.now()), decide(ctx)),
  };
}

/** The `approval` step: a stored decision takes "approve" or "reject", with who decided (when signed in) and when. */
export function createApprovalRunner(d: WaitRunnerDeps): StepRunner<ApprovalConfig> {
  const decide = (ctx: StepContext) => (payload: unknown, receivedAt: number) => {
    const p = (payload ?? {}) as { decision?: unknown; by?: unknown; comment?: unknown };
    const approved = p.decision === 'approved';
    const output = { ...d.links.linksOf('approval', keyOf(ctx)), decision: approved ? 'approved' : 'rejected', by: p.by ?? null, at: new Date(receivedAt).toISOString(), comment: p.comment ?? null };
    return { kind: 'succeeded', output, ports: [approved ? 'approve' : 'reject'] } as const;
  };
  return {
    async run(config, ctx) {
      // The question is rendered once, when the step parks; the page the links open shows it.
      const rendered = await ctx.render(config.question);
      const question = rendered.ok && typeof rendered.value === 'string' ? rendered.value : config.question;
      return settle(d, ctx, 'approval', ctx.clock.now() + waitTimeoutMs(config), decide(ctx), { question });
    },
    resume: (config, ctx, parked) => {
      const question = (parked.output as { question?: unknown } | undefined)?.question;
      return settle(d, ctx, 'approval', deadlineOf(parked, ctx.clock.now()), decide(ctx), typeof question === 'string' ? { question } : {});
    },
  };
}
