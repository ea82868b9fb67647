import { waitConfigSchema } from '../../shared/nodes/wait.node.js';
import { TIMEOUT_OUTPUT } from '../../shared/nodes/wait.node.js';
import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/ports/store.js';
import type { WaitKey } from '../store/ports/waits.js';
import type { StepRecord } from '../engine/records.js';
import type { LinkKind, ResumeLinks } from './resume-links.js';

/** A call to a resume URL, as the route parsed it. */
export interface ResumeCallInput extends WaitKey {
  kind: LinkKind;
  token: string;
}

/** Where the step behind a resume URL stands, as a value (the route turns it into a response). */
export type ResumeState =
  | { kind: 'not_found' }
  /** The URL took all the calls it may (`decision`: what an approval was decided as). */
  | { kind: 'used'; uses: number; decision?: string }
  /** The step timed out, or the run ended without it being called. */
  | { kind: 'expired'; reason: string }
  | { kind: 'open'; maxUses: number; question?: string; timeoutAt?: number };

export type ResumeOutcome = Exclude<ResumeState, { kind: 'open' }> | { kind: 'accepted'; use: number; runId: string };

const latestOf = (records: StepRecord[], nodeId: string) => records.filter((r) => r.nodeId === nodeId).sort((a, b) => b.attempt - a.attempt)[0];

/**
 * Answers calls to the resume URLs of wait and approval steps: checks the signed token, the
 * node, whether the URL is used up or expired, then stores the call (which wakes the step).
 * Refusals are values: unknown -> not_found (404), used -> 409, expired or ended -> 410.
 */
export function createResumeService(d: { store: Pick<Store, 'runs' | 'workflows' | 'steps' | 'waits'>; links: Pick<ResumeLinks, 'verify'>; clock: Clock; onResumed: () => void }) {
  const state = async (c: ResumeCallInput): Promise<ResumeState> => {
    if (!d.links.verify(c.kind, c, c.token)) return { kind: 'not_found' };
    const run = await d.store.runs.get(c.runId);
    const version = run && (await d.store.workflows.getVersion(run.workflowId, run.version));
    const node = version?.definition.nodes.find((n) => n.id === c.nodeId);
    if (!run || !node || node.type !== (c.kind === 'callback' ? 'wait' : 'approval')) return { kind: 'not_found' };
    const maxUses = node.type === 'wait' ? (waitConfigSchema.safeParse(node.config).data?.maxUses ?? 1) : 1;
    const calls = await d.store.waits.calls(c);
    if (calls.length >= maxUses) return { kind: 'used', uses: calls.length, decision: (calls[0]?.payload as { decision?: string } | null)?.decision };
    const step = latestOf(await d.store.steps.inFrame(c.runId, c.frame), c.nodeId);
    const parked = step?.status === 'waiting' ? (step.output as { timeoutAt?: unknown; question?: unknown } | undefined) : undefined;
    const timeoutAt = typeof parked?.timeoutAt === 'number' ? parked.timeoutAt : undefined;
    const what = node.type === 'approval' ? 'This approval request' : 'This resume URL';
    if (step?.status === 'succeeded' && step.ports?.includes(TIMEOUT_OUTPUT)) return { kind: 'expired', reason: `${what} expired: nobody answered in time.` };
    if (timeoutAt !== undefined && timeoutAt <= d.clock.now()) return { kind: 'expired', reason: `${what} expired at ${new Date(timeoutAt).toISOString()}.` };
    if (['succeeded', 'failed', 'cancelled'].includes(run.status))
      return { kind: 'expired', reason: `${what} no longer works: its run has ${run.status === 'cancelled' ? 'been cancelled' : 'ended'}.` };
    return { kind: 'open', maxUses, question: typeof parked?.question === 'string' ? parked.question : undefined, timeoutAt };
  };

  return {
    state,
    /** Stores a call (`payload` is what the step's output is built from) when the URL is open. */
    async call(c: ResumeCallInput, payload: unknown): Promise<ResumeOutcome> {
      const s = await state(c);
      if (s.kind !== 'open') return s;
      const recorded = await d.store.waits.recordCall(c, s.maxUses, payload, d.clock.now());
      if (recorded.kind === 'used_up') return { kind: 'used', uses: recorded.uses };
      if (recorded.kind === 'closed') return { kind: 'expired', reason: 'This URL no longer works: its step has ended without a call.' };
      d.onResumed();
      return { kind: 'accepted', use: recorded.use, runId: c.runId };
    },
  };
}
export type ResumeService = ReturnType<typeof createResumeService>;
