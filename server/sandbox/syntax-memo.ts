import { checkExpressionSyntax } from '../../shared/graph/expression-syntax.js';

/**
 * checkExpressionSyntax with a bounded memo: the same workflow renders the same expressions
 * on every run, and parsing them again each time would be the render's largest host cost.
 */
export function createSyntaxMemo(max = 2_000): (expr: string) => string | undefined {
  const memo = new Map<string, string | undefined>();
  return (expr) => {
    if (memo.has(expr)) return memo.get(expr);
    const problem = checkExpressionSyntax(expr);
    if (memo.size >= max) memo.delete(memo.keys().next().value as string);
    memo.set(expr, problem);
    return problem;
  };
}
