import { checkExpressionSyntax } from '../../shared/graph/expression-syntax.js';
import { boundedMemo } from '../lib/bounded-memo.js';

/**
 * checkExpressionSyntax with a bounded memo: the same workflow renders the same expressions
 * on every run, and parsing them again each time would be the render's largest host cost.
 */
export function createSyntaxMemo(max = 2_000): (expr: string) => string | undefined {
  return boundedMemo(checkExpressionSyntax, max);
}
