import { validateWorkflow, type WorkflowIssue } from '../../shared/graph/validate-workflow.js';
import type { GraphDoc } from './flow-types.js';

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
 * Checks an expression's syntax by compiling (never calling) it. The server checks again with
 * the sandbox's parser; a browser that forbids compiling simply skips this check.
 */
export function checkExpressionSyntax(expr: string): string | undefined {
  try {
    new Function(`"use strict"; return (${expr}\n);`);
    return undefined;
  } catch (e) {
    return e instanceof SyntaxError ? `not a valid expression (${e.message})` : undefined;
  }
}

/** Runs the shared `validateWorkflow` on the editor's graph and groups its issues by node and edge. */
export function validateGraph(name: string, doc: GraphDoc, settings: Record<string, unknown> = {}): ValidationView {
  const result = validateWorkflow(
    { name: name.trim() === '' ? 'Untitled' : name, nodes: doc.nodes, edges: doc.edges, notes: doc.notes, settings },
    { checkExpression: checkExpressionSyntax },
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
