import type { StepRecord } from '../engine/records.js';
import type { CompiledVersion } from '../engine/compiled-version.js';

const topLevel = (r: StepRecord) => (r.frame ?? '') === '';
const bodyOf = (reply: unknown): unknown => (typeof reply === 'object' && reply !== null && 'body' in reply ? reply.body : null);

/**
 * What a succeeded child run hands back to its caller. Pure. The body of its Respond step
 * when one succeeded (the explicit answer, as a webhook caller would get it); otherwise the
 * output of the last succeeded top-level step in topological order (for a straight line of
 * steps, the last one); for a run with no succeeded step, its input.
 */
export function childResult(version: CompiledVersion | undefined, records: readonly StepRecord[], input: unknown): unknown {
  const succeeded = new Map<string, StepRecord>();
  for (const r of records) if (topLevel(r) && r.status === 'succeeded') succeeded.set(r.nodeId, r);
  if (!version) return input;
  for (const [nodeId, r] of succeeded) {
    if (version.nodes.get(nodeId)?.type === 'respond') return bodyOf(r.output) ?? null;
  }
  for (const nodeId of [...version.order].reverse()) {
    const r = succeeded.get(nodeId);
    if (r) return r.output ?? null;
  }
  return input;
}
