import { evaluateRule, ruleFieldTemplate, type RuleSet } from '../../shared/nodes/rules.js';
import type { StepContext } from './runner.js';
import type { StepError } from '../../shared/runs/run-status.js';

export type RuleSetResult = { ok: true; passed: boolean; rules: Array<{ field: string; operator: string; actual: unknown; expected: unknown; passed: boolean }> } | { ok: false; error: StepError };

/** Resolves every rule's field and value in one render, then evaluates them; the per-rule results go into the step record. */
export async function evaluateRuleSet(config: RuleSet, ctx: StepContext): Promise<RuleSetResult> {
  const rendered = await ctx.render(config.rules.map((r) => ({ actual: ruleFieldTemplate(r.field), expected: r.value ?? null })));
  if (!rendered.ok) return rendered;
  const values = rendered.value as Array<{ actual: unknown; expected: unknown }>;
  const rules = config.rules.map((r, i) => {
    const v = values[i] ?? { actual: undefined, expected: undefined };
    return { field: r.field, operator: r.operator, actual: v.actual, expected: v.expected, passed: evaluateRule({ actual: v.actual, operator: r.operator, expected: v.expected }) };
  });
  const passed = config.combinator === 'and' ? rules.every((r) => r.passed) : rules.some((r) => r.passed);
  return { ok: true, passed, rules };
}
