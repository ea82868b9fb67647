import type * as Real from '../../shared/nodes/cron.js';
import { heavyChecks } from './heavy-checks.js';

// The client build's stand-in for shared/nodes/cron.ts (see heavy-checks.ts). Until croner has
// loaded no problem is reported: validation runs again once it has.

export const cronProblem: typeof Real.cronProblem = (expression, timezone) => heavyChecks()?.cron.cronProblem(expression, timezone);

export const compileCron: typeof Real.compileCron = (expression, timezone) => {
  const real = heavyChecks();
  if (!real) throw new Error('Cron support is still loading; try again in a moment.');
  return real.cron.compileCron(expression, timezone);
};
