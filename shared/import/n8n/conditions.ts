import type { Rule, RuleOperator } from '../../nodes/rules.js';
import type { MapContext } from './mapper-types.js';

/**
 * n8n conditions (IF, Filter, Switch) as Switchyard rules. Operators without a rule
 * equivalent (regular expressions, date comparisons, lengths) become a JavaScript test in
 * the rule's field with `is_true`, so nothing is dropped.
 */

const v2Operators: Record<string, RuleOperator> = {
  equals: 'equals',
  notEquals: 'not_equals',
  contains: 'contains',
  notContains: 'not_contains',
  startsWith: 'starts_with',
  endsWith: 'ends_with',
  gt: 'greater_than',
  gte: 'greater_or_equal',
  lt: 'less_than',
  lte: 'less_or_equal',
  exists: 'exists',
  notExists: 'not_exists',
  true: 'is_true',
  false: 'is_false',
  empty: 'is_empty',
  notEmpty: 'is_not_empty',
  after: 'greater_than',
  before: 'less_than',
  afterOrEquals: 'greater_or_equal',
  beforeOrEquals: 'less_or_equal',
};

const v1Operators: Record<string, RuleOperator> = {
  equal: 'equals',
  notEqual: 'not_equals',
  contains: 'contains',
  notContains: 'not_contains',
  startsWith: 'starts_with',
  endsWith: 'ends_with',
  larger: 'greater_than',
  largerEqual: 'greater_or_equal',
  smaller: 'less_than',
  smallerEqual: 'less_or_equal',
  isEmpty: 'is_empty',
  isNotEmpty: 'is_not_empty',
  after: 'greater_than',
  before: 'less_than',
};

/** JavaScript tests for operators that rules do not have, over `a` (left) and `b` (right). */
const jsTests: Record<string, (a: string, b: string) => string> = {
  regex: (a, b) => `new RegExp(${b}).test(String(${a}))`,
  notRegex: (a, b) => `!new RegExp(${b}).test(String(${a}))`,
  notStartsWith: (a, b) => `!String(${a}).startsWith(${b})`,
  notEndsWith: (a, b) => `!String(${a}).endsWith(${b})`,
  lengthEquals: (a, b) => `(${a}).length === Number(${b})`,
  lengthNotEquals: (a, b) => `(${a}).length !== Number(${b})`,
  lengthGt: (a, b) => `(${a}).length > Number(${b})`,
  lengthLt: (a, b) => `(${a}).length < Number(${b})`,
  lengthGte: (a, b) => `(${a}).length >= Number(${b})`,
  lengthLte: (a, b) => `(${a}).length <= Number(${b})`,
};

/** A rule's field: a template that reads the left value (a literal becomes a JSON expression). */
function fieldOf(ctx: MapContext, left: unknown, path: string): string {
  const text = ctx.text(left, path);
  if (typeof left === 'string' && left.startsWith('=')) return text.includes('{{') ? text : `{{ ${JSON.stringify(text)} }}`;
  return `{{ ${JSON.stringify(left ?? null)} }}`;
}

function valueOf(ctx: MapContext, right: unknown, path: string): Rule['value'] {
  if (typeof right === 'number' || typeof right === 'boolean' || right === null) return right;
  if (right === undefined) return undefined;
  return typeof right === 'string' ? ctx.text(right, path) : JSON.stringify(right);
}

function rule(ctx: MapContext, left: unknown, operation: string, right: unknown, table: Record<string, RuleOperator>, path: string): Rule {
  const operator = Object.hasOwn(table, operation) ? table[operation] : undefined;
  if (operator) return { field: fieldOf(ctx, left, `${path}.left`), operator, ...(valueOf(ctx, right, `${path}.right`) !== undefined ? { value: valueOf(ctx, right, `${path}.right`) } : {}) };
  const test = Object.hasOwn(jsTests, operation) ? jsTests[operation] : undefined;
  const a = ctx.js(left, `${path}.left`);
  const b = ctx.js(right, `${path}.right`);
  if (test) {
    ctx.note('approximated', `the "${operation}" condition is a JavaScript test in the rule's field`);
    return { field: `{{ ${test(a, b)} }}`, operator: 'is_true' };
  }
  ctx.note('manual', `the condition operator "${operation}" has no equivalent; it was kept as an always-false rule to edit`);
  return { field: `{{ false /* n8n operator "${operation}" on ${a.replace(/\*\//g, '* /')} */ }}`, operator: 'is_true' };
}

export interface RuleGroup {
  combinator: 'and' | 'or';
  rules: Rule[];
}

/** IF/Filter/Switch v2+ (`conditions: {conditions: [...], combinator}`). */
export function rulesV2(ctx: MapContext, conditions: unknown, path: string): RuleGroup {
  const c = (conditions ?? {}) as { conditions?: unknown; combinator?: unknown };
  const list = Array.isArray(c.conditions) ? (c.conditions as Array<Record<string, unknown>>) : [];
  const rules = list.map((cond, i) => {
    const op = (cond.operator ?? {}) as { operation?: unknown };
    return rule(ctx, cond.leftValue, String(op.operation ?? 'equals'), cond.rightValue, v2Operators, `${path}.conditions[${i}]`);
  });
  return { combinator: c.combinator === 'or' ? 'or' : 'and', rules };
}

/** IF v1 (`conditions: {string: [...], number: [...], boolean: [...], dateTime: [...]}`, `combineOperation`). */
export function rulesV1(ctx: MapContext, conditions: unknown, combineOperation: unknown, path: string): RuleGroup {
  const groups = (conditions ?? {}) as Record<string, unknown>;
  const rules: Rule[] = [];
  for (const kind of ['boolean', 'number', 'string', 'dateTime']) {
    const list = Array.isArray(groups[kind]) ? (groups[kind] as Array<Record<string, unknown>>) : [];
    list.forEach((cond, i) => rules.push(rule(ctx, cond.value1, String(cond.operation ?? 'equal'), cond.value2, v1Operators, `${path}.${kind}[${i}]`)));
  }
  return { combinator: combineOperation === 'any' ? 'or' : 'and', rules };
}

/** Detects the version of a conditions parameter by its shape. */
export function rulesOf(ctx: MapContext, conditions: unknown, combineOperation: unknown, path: string): RuleGroup {
  const isV2 = typeof conditions === 'object' && conditions !== null && Array.isArray((conditions as { conditions?: unknown }).conditions);
  const group = isV2 ? rulesV2(ctx, conditions, path) : rulesV1(ctx, conditions, combineOperation, path);
  if (group.rules.length === 0) {
    ctx.note('manual', 'the node has no conditions; an always-true rule stands in');
    return { combinator: 'and', rules: [{ field: '{{ true }}', operator: 'is_true' }] };
  }
  return group;
}

export { v1Operators };
