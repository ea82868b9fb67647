import { FALLBACK_OUTPUT, type SwitchConfig } from '../../shared/nodes/switch.node.js';
import { evaluateRuleSet } from './rule-evaluation.js';
import type { StepRunner } from './runner.js';

/** Evaluates every case (one render each), then fires the first match, every match, or the fallback. */
export const switchRunner: StepRunner<SwitchConfig> = {
  async run(config, ctx) {
    const results = [];
    for (const c of config.cases) {
      const r = await evaluateRuleSet({ combinator: c.combinator, rules: c.rules }, ctx);
      if (!r.ok) return { kind: 'failed', error: { ...r.error, case: c.id } };
      results.push({ id: c.id, passed: r.passed, rules: r.rules });
    }
    const matched = results.filter((r) => r.passed).map((r) => r.id);
    const ports = matched.length === 0 ? [FALLBACK_OUTPUT] : config.matchAll ? matched : matched.slice(0, 1);
    return { kind: 'succeeded', output: ctx.scope.input, ports, detail: { matched: ports, cases: results } };
  },
};
