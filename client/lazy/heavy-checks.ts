import type * as ExpressionSyntax from '../../shared/graph/expression-syntax.js';
import type * as Cron from '../../shared/nodes/cron.js';
import type * as IpRanges from '../../shared/nodes/ip-ranges.js';

/**
 * The shared checks that need a large library: JavaScript syntax (acorn), cron (croner) and IP
 * ranges (ipaddr.js), about a third of the editor's script. The client build swaps these
 * modules for the stand-ins beside this file (see `lazyChecks` in vite.config.ts), so they
 * leave the first download; this loader fetches the real ones once the first screen is up.
 * Imports from client/lazy/ are never swapped, so the dynamic imports below are the real modules.
 */
export interface HeavyChecks {
  expressionSyntax: typeof ExpressionSyntax;
  cron: typeof Cron;
  ipRanges: typeof IpRanges;
}

let loaded: HeavyChecks | undefined;
let loading: Promise<HeavyChecks> | undefined;

/** The real checks once loaded; undefined before. */
export const heavyChecks = (): HeavyChecks | undefined => loaded;

/** Loads the real checks (once; later calls share the first load). */
export function loadHeavyChecks(): Promise<HeavyChecks> {
  loading ??= Promise.all([import('../../shared/graph/expression-syntax.js'), import('../../shared/nodes/cron.js'), import('../../shared/nodes/ip-ranges.js')]).then(
    ([expressionSyntax, cron, ipRanges]) => (loaded = { expressionSyntax, cron, ipRanges }),
  );
  return loading;
}
