import type * as Real from '../../shared/graph/expression-syntax.js';
import { heavyChecks } from './heavy-checks.js';

// The client build's stand-in for shared/graph/expression-syntax.ts (see heavy-checks.ts).
// Until acorn has loaded nothing is reported: validation runs again once it has.

export const checkExpressionSyntax: typeof Real.checkExpressionSyntax = (expr) => heavyChecks()?.expressionSyntax.checkExpressionSyntax(expr);

export const checkCodeSyntax: typeof Real.checkCodeSyntax = (code) => heavyChecks()?.expressionSyntax.checkCodeSyntax(code);
