import type { Diagnostic, LintSource } from '@codemirror/lint';
import { loadHeavyChecks } from '../../lazy/heavy-checks.js';
import { templateProblems } from './template-ranges.js';

/**
 * The server's own checks, marked inline: the code step's source is parsed as the server
 * parses it on save (shared/graph/expression-syntax.ts, acorn, loaded on first use), and so
 * is each `{{ }}` expression. The messages are validation's, so the field's error line and the
 * mark say the same thing.
 */
export const codeLintSource: LintSource = async (view) => {
  const { expressionSyntax } = await loadHeavyChecks();
  const doc = view.state.doc;
  const error = expressionSyntax.codeSyntaxError(doc.toString());
  if (!error) return [];
  const line = doc.line(Math.min(Math.max(error.line, 1), doc.lines));
  const from = Math.min(line.from + error.column - 1, line.to);
  const to = Math.min(from + 1, doc.length);
  const diagnostic: Diagnostic = { from, to, severity: 'error', source: 'syntax', message: `Syntax error. Line ${error.line}, column ${error.column}: ${error.message}` };
  return [diagnostic];
};

export const templateLintSource: LintSource = async (view) => {
  const { expressionSyntax } = await loadHeavyChecks();
  return templateProblems(view.state.doc.toString(), expressionSyntax.checkExpressionSyntax).map((p): Diagnostic => ({
    from: p.from,
    to: p.to,
    severity: 'error',
    source: 'expression',
    message: p.message,
  }));
};
