import type { RuleSet } from '../../shared/nodes/rules.js';
import { evaluateRuleSet } from './rule-evaluation.js';
import type { StepRunner } from './runner.js';

/** Passes its input down the "true" or the "false" output. */
export const branchRunner: StepRunner<RuleSet> = {
  async run(config, ctx) {
    const result = await evaluateRuleSet(config, ctx);
    if (!result.ok) return { kind: 'failed', error: result.error };
    return { kind: 'succeeded', output: ctx.scope.input, ports: [result.passed ? 'true' : 'false'], detail: { passed: result.passed, rules: result.rules } };
  },
};
