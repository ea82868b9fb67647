import type { WorkflowNode } from '../../shared/graph/workflow-schema.js';
import { getNodeType } from '../../shared/nodes/registry.js';

/** Steps that only route their input: they read the run's data and change nothing outside it. */
const ROUTING: ReadonlySet<string> = new Set(['branch', 'filter', 'switch', 'merge']);

/** The same test the sandbox pool makes before it bridges the data store to a code step. */
const NAMES_STORE = /\bstore\b/;

/**
 * Whether starting this step can change something outside the run (send a request, write the
 * data store, reply to the sender, park, start other runs). Steps that cannot (triggers, which
 * pass on their event; routing; code that never names `store`) may start before the records of
 * the steps that ended before them are committed: if the server dies first, those steps run
 * again and nothing outside ever saw their first outputs. Every step with effects still starts
 * only once everything that ended before it is committed. Unknown types count as having effects.
 */
export function hasSideEffects(node: WorkflowNode | undefined): boolean {
  if (!node) return true;
  if (getNodeType(node.type)?.kind === 'trigger' || ROUTING.has(node.type)) return false;
  if (node.type === 'code') {
    const code = (node.config as { code?: unknown } | undefined)?.code;
    return typeof code !== 'string' || NAMES_STORE.test(code);
  }
  return true;
}
