import type { StepScope } from '../engine/step-types.js';
import type { ResumeLinks } from './resume-links.js';

/**
 * Adds the resume URLs of every wait and approval node that has no output yet to a step's
 * `steps`, so a step planned before the wait can send them (`{{ steps.approve.approveUrl }}`).
 * The links are derived from run, frame and node (resume-links.ts), so they are the same ones
 * the wait will answer to. A finished wait's own output (which includes them) is left as it is.
 */
export function withResumeLinks(scope: StepScope, nodes: Iterable<{ id: string; type: string }>, runId: string, frame: string, links: Pick<ResumeLinks, 'linksOf'> | undefined): StepScope {
  if (!links) return scope;
  let steps: Record<string, unknown> | undefined;
  for (const n of nodes) {
    if ((n.type !== 'wait' && n.type !== 'approval') || scope.steps[n.id] !== undefined) continue;
    steps ??= { ...scope.steps };
    steps[n.id] = links.linksOf(n.type, { runId, nodeId: n.id, frame });
  }
  return steps ? { ...scope, steps } : scope;
}
