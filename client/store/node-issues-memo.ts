import type { NodeIssuesMemo, WorkflowIssue } from '../../shared/graph/validate-workflow.js';

/** Enough for several large workflows' distinct configs; past it the memo starts over. */
const MAX_ENTRIES = 5000;

/**
 * A memo for `validateWorkflow`'s per-node checks, keyed by the node's type and config (as
 * JSON): schema parsing and expression parsing cost far more than the key, so with 300 nodes
 * an edit re-checks one node instead of all of them. The issues of a config never depend on
 * the node's id, so a hit is re-labelled with the asking node's id.
 */
export function createNodeIssuesMemo(): NodeIssuesMemo {
  const memo = new Map<string, WorkflowIssue[]>();
  return (node, check) => {
    const key = `${node.type}\u0000${JSON.stringify(node.config)}`;
    const hit = memo.get(key);
    if (hit) return hit.map((i) => (i.nodeId === node.id ? i : { ...i, nodeId: node.id }));
    const issues = check();
    if (memo.size >= MAX_ENTRIES) memo.clear();
    memo.set(key, issues);
    return issues;
  };
}
