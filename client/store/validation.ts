import { checkExpressionSyntax as parseExpressionSyntax } from '../../shared/graph/expression-syntax.js';
import { validateWorkflow, type WorkflowIssue } from '../../shared/graph/validate-workflow.js';
import { heavyChecks } from '../lazy/heavy-checks.js';
import type { GraphDoc } from './flow-types.js';
import { createNodeIssuesMemo } from './node-issues-memo.js';

/** Validation results arranged the way the canvas draws them. */
export interface ValidationView {
  issues: WorkflowIssue[];
  byNode: Record<string, WorkflowIssue[]>;
  byEdge: Record<string, WorkflowIssue[]>;
  errors: number;
  warnings: number;
}

export const emptyValidation: ValidationView = { issues: [], byNode: {}, byEdge: {}, errors: 0, warnings: 0 };

/**
 * Checks an expression's syntax with the shared parser (acorn), never by compiling it: the
 * content security policy forbids eval, and the server checks with the same parser on save.
 */
export function checkExpressionSyntax(expr: string): string | undefined {
  const problem = parseExpressionSyntax(expr);
  return problem === undefined ? undefined : `not a valid expression (${problem})`;
}

/**
 * Per-node results shared by every validation in this page: configs are checked once each.
 * Only with the real syntax checks loaded: results from the stand-ins (client/lazy/) are provisional.
 */
const nodeIssues = createNodeIssuesMemo();

/** Runs the shared `validateWorkflow` on the editor's graph and groups its issues by node and edge. */
export function validateGraph(name: string, doc: GraphDoc, settings: Record<string, unknown> = {}): ValidationView {
  const result = validateWorkflow(
    { name: name.trim() === '' ? 'Untitled' : name, nodes: doc.nodes, edges: doc.edges, notes: doc.notes, settings },
    { checkExpression: checkExpressionSyntax, ...(heavyChecks() ? { nodeIssues } : {}) },
  );
  const view: ValidationView = { issues: result.issues, byNode: {}, byEdge: {}, errors: 0, warnings: 0 };
  for (const issue of result.issues) {
    if (issue.severity === 'error') view.errors++;
    else view.warnings++;
    if (issue.nodeId) (view.byNode[issue.nodeId] ??= []).push(issue);
    if (issue.edgeId) (view.byEdge[issue.edgeId] ??= []).push(issue);
  }
  return view;
}
