import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';

/** Operators a no-code rule can use; each compares a field's value with an optional value. */
export const ruleOperators = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'greater_than',
  'greater_or_equal',
  'less_than',
  'less_or_equal',
  'exists',
  'not_exists',
  'is_true',
  'is_false',
  'is_empty',
  'is_not_empty',
] as const;
export type RuleOperator = (typeof ruleOperators)[number];

/** Operators that ignore `value`. */
export const unaryOperators: ReadonlySet<RuleOperator> = new Set(['exists', 'not_exists', 'is_true', 'is_false', 'is_empty', 'is_not_empty']);

/**
 * One condition. `field` is a data path (`trigger.body.amount`) or a `{{ }}` template;
 * `value` may hold templates too.
 */
export const ruleSchema = lazySchema(() =>
  z.object({
    field: z.string().min(1).max(2000),
    operator: z.enum(ruleOperators),
    value: z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]).optional(),
  }),
);

export const ruleSetSchema = lazySchema(() =>
  z.object({
    combinator: z.enum(['and', 'or']).default('and'),
    rules: z.array(ruleSchema).min(1).max(100),
  }),
);

export type Rule = z.infer<typeof ruleSchema>;
export type RuleSet = z.infer<typeof ruleSetSchema>;

/** A rule after its field and value were resolved against run data. */
export interface ResolvedRule {
  actual: unknown;
  operator: RuleOperator;
  expected: unknown;
}

const toNumber = (v: unknown): number | undefined => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
};

const toText = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v) ?? '';
};

/** Loose equality a form user expects: "100" equals 100, "true" equals true, objects by JSON. */
function looselyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const na = toNumber(a);
  const nb = toNumber(b);
  if (typeof a !== 'boolean' && typeof b !== 'boolean' && na !== undefined && nb !== undefined) return na === nb;
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a) === String(b);
  return toText(a) === toText(b);
}

const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

function contains(haystack: unknown, needle: unknown): boolean {
  if (Array.isArray(haystack)) return haystack.some((item) => looselyEqual(item, needle));
  return toText(haystack).includes(toText(needle));
}

function compareNumbers(a: unknown, b: unknown, test: (x: number, y: number) => boolean): boolean {
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== undefined && nb !== undefined) return test(na, nb);
  // Two non-numeric strings compare as text, so ISO dates order correctly.
  if (typeof a === 'string' && typeof b === 'string') return test(a.localeCompare(b), 0);
  return false;
}

/** Evaluates one resolved rule. Pure and total: never throws, whatever the data. */
export function evaluateRule({ actual, operator, expected }: ResolvedRule): boolean {
  switch (operator) {
    case 'equals':
      return looselyEqual(actual, expected);
    case 'not_equals':
      return !looselyEqual(actual, expected);
    case 'contains':
      return contains(actual, expected);
    case 'not_contains':
      return !contains(actual, expected);
    case 'starts_with':
      return toText(actual).startsWith(toText(expected));
    case 'ends_with':
      return toText(actual).endsWith(toText(expected));
    case 'greater_than':
      return compareNumbers(actual, expected, (x, y) => x > y);
    case 'greater_or_equal':
      return compareNumbers(actual, expected, (x, y) => x >= y);
    case 'less_than':
      return compareNumbers(actual, expected, (x, y) => x < y);
    case 'less_or_equal':
      return compareNumbers(actual, expected, (x, y) => x <= y);
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'not_exists':
      return actual === undefined || actual === null;
    case 'is_true':
      return actual === true || actual === 'true' || actual === 1;
    case 'is_false':
      return actual === false || actual === 'false' || actual === 0;
    case 'is_empty':
      return isEmpty(actual);
    case 'is_not_empty':
      return !isEmpty(actual);
    default: {
      const unreachable: never = operator;
      return unreachable;
    }
  }
}

/** Combines resolved rules with "and" or "or". */
export function evaluateRuleSet(combinator: RuleSet['combinator'], rules: readonly ResolvedRule[]): boolean {
  return combinator === 'and' ? rules.every(evaluateRule) : rules.some(evaluateRule);
}

/** The template a rule's field stands for: a bare path becomes `{{ path }}`. */
export function ruleFieldTemplate(field: string): string {
  return field.includes('{{') ? field : `{{ ${field} }}`;
}
