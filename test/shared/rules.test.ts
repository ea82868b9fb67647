import { describe, expect, it } from 'vitest';
import { evaluateRule, evaluateRuleSet, ruleFieldTemplate } from '../../shared/nodes/rules.js';

const check = (actual: unknown, operator: Parameters<typeof evaluateRule>[0]['operator'], expected?: unknown) => evaluateRule({ actual, operator, expected });

describe('rules', () => {
  it('compares the way a form user expects: "100" equals 100, objects by value', () => {
    expect(check(100, 'equals', '100')).toBe(true);
    expect(check('abc', 'equals', 'abc')).toBe(true);
    expect(check(true, 'equals', 'true')).toBe(true);
    expect(check({ a: 1 }, 'equals', '{"a":1}')).toBe(true);
    expect(check(1, 'equals', true)).toBe(false);
    expect(check('paid', 'not_equals', 'open')).toBe(true);
  });

  it('orders numbers numerically and ISO dates as text', () => {
    expect(check(150, 'greater_than', '100')).toBe(true);
    expect(check('9', 'less_than', '10')).toBe(true);
    expect(check('2024-02-01', 'greater_than', '2024-01-31')).toBe(true);
    expect(check(undefined, 'greater_than', 1)).toBe(false);
    expect(check(5, 'greater_or_equal', 5)).toBe(true);
    expect(check(5, 'less_or_equal', 4)).toBe(false);
  });

  it('handles text and list containment, presence and emptiness', () => {
    expect(check('hello world', 'contains', 'world')).toBe(true);
    expect(check(['a', 2], 'contains', '2')).toBe(true);
    expect(check('abc', 'starts_with', 'ab')).toBe(true);
    expect(check('abc', 'ends_with', 'bc')).toBe(true);
    expect(check(null, 'exists')).toBe(false);
    expect(check(0, 'exists')).toBe(true);
    expect(check([], 'is_empty')).toBe(true);
    expect(check({}, 'is_empty')).toBe(true);
    expect(check('x', 'is_not_empty')).toBe(true);
    expect(check('true', 'is_true')).toBe(true);
    expect(check(0, 'is_false')).toBe(true);
  });

  it('combines with and / or', () => {
    const t = { actual: 1, operator: 'exists' as const, expected: undefined };
    const f = { actual: null, operator: 'exists' as const, expected: undefined };
    expect(evaluateRuleSet('and', [t, f])).toBe(false);
    expect(evaluateRuleSet('or', [t, f])).toBe(true);
  });

  it('turns a bare field path into a template and leaves templates alone', () => {
    expect(ruleFieldTemplate('trigger.body.x')).toBe('{{ trigger.body.x }}');
    expect(ruleFieldTemplate('{{ input.y }}')).toBe('{{ input.y }}');
  });
});
