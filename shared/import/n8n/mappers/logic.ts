import { FALLBACK_OUTPUT } from '../../../nodes/switch.node.js';
import { rulesOf, v1Operators } from '../conditions.js';
import type { NodeMapper } from '../mapper-types.js';

/** IF, Filter, Switch and Merge. */

export const ifNode: NodeMapper = (ctx) => {
  const group = rulesOf(ctx, ctx.param('conditions'), ctx.param('combineOperation'), 'conditions');
  return { type: 'branch', config: { ...group }, handle: (i) => (i === 0 ? 'true' : i === 1 ? 'false' : undefined) };
};

export const filter: NodeMapper = (ctx) => {
  const group = rulesOf(ctx, ctx.param('conditions'), ctx.param('combineOperation'), 'conditions');
  ctx.note('approximated', 'n8n drops the items that fail; here a failing filter ends the run (or loop item) successfully');
  return { type: 'filter', config: { ...group } };
};

const caseId = (i: number) => `output${i}`;

export const switchNode: NodeMapper = (ctx) => {
  const mode = String(ctx.param('mode') ?? 'rules');
  if (mode === 'expression') {
    const count = typeof ctx.param('numberOutputs') === 'number' ? Number(ctx.param('numberOutputs')) : 4;
    const field = ctx.text(ctx.param('output') ?? '', 'output');
    const cases = Array.from({ length: Math.max(1, Math.min(25, count)) }, (_, i) => ({
      id: caseId(i),
      rules: [{ field: field.includes('{{') ? field : `{{ ${JSON.stringify(field)} }}`, operator: 'equals' as const, value: i }],
    }));
    return { type: 'switch', config: { cases }, handle: (i) => (i < cases.length ? caseId(i) : undefined) };
  }
  if (ctx.node.typeVersion < 3) {
    // v1/v2: one value compared by each rule; rules name their output index.
    const value1 = ctx.param('value1');
    const rules = Array.isArray(ctx.param('rules.rules')) ? (ctx.param('rules.rules') as Array<Record<string, unknown>>) : [];
    const byOutput = new Map<number, Array<{ field: string; operator: (typeof v1Operators)[string]; value?: string | number | boolean | null }>>();
    rules.forEach((r, i) => {
      const out = typeof r.output === 'number' ? r.output : i;
      const op = v1Operators[String(r.operation ?? 'equal')];
      if (!op) ctx.note('manual', `the switch operation "${String(r.operation)}" has no equivalent; "equals" stands in`);
      const field = ctx.text(value1 ?? '', 'value1');
      const value = typeof r.value2 === 'string' ? ctx.text(r.value2, `rules[${i}].value2`) : (r.value2 as number | boolean | undefined);
      byOutput.set(out, [
        ...(byOutput.get(out) ?? []),
        { field: field.includes('{{') ? field : `{{ ${JSON.stringify(value1 ?? null)} }}`, operator: op ?? 'equals', ...(value !== undefined ? { value } : {}) },
      ]);
    });
    const cases = [...byOutput.entries()].sort(([a], [b]) => a - b).map(([out, rs]) => ({ id: caseId(out), combinator: 'or' as const, rules: rs }));
    const fallback = typeof ctx.param('fallbackOutput') === 'number' ? Number(ctx.param('fallbackOutput')) : -1;
    if (!cases.length) ctx.note('manual', 'the switch has no rules');
    return {
      type: 'switch',
      config: { cases: cases.length ? cases : [{ id: caseId(0), rules: [{ field: '{{ false }}', operator: 'is_true' }] }] },
      handle: (i) => (i === fallback ? FALLBACK_OUTPUT : byOutput.has(i) ? caseId(i) : undefined),
    };
  }
  const values = Array.isArray(ctx.param('rules.values')) ? (ctx.param('rules.values') as Array<Record<string, unknown>>) : [];
  const cases = values.map((v, i) => {
    const g = rulesOf(ctx, v.conditions, undefined, `rules[${i}]`);
    return { id: caseId(i), ...(typeof v.outputKey === 'string' && v.renameOutput ? { label: v.outputKey } : {}), combinator: g.combinator, rules: g.rules };
  });
  const fallback = ctx.param('options.fallbackOutput');
  const fallbackIndex = fallback === 'extra' ? cases.length : typeof fallback === 'number' ? fallback : -1;
  if (typeof fallback === 'number') ctx.note('approximated', `unmatched data went to output ${fallback} in n8n; here it takes "fallback", wired the same way`);
  if (!cases.length) ctx.note('manual', 'the switch has no rules');
  return {
    type: 'switch',
    config: { cases: cases.length ? cases : [{ id: caseId(0), rules: [{ field: '{{ false }}', operator: 'is_true' }] }], matchAll: ctx.param('options.allMatchingOutputs') === true },
    handle: (i) => (i === fallbackIndex ? FALLBACK_OUTPUT : i < cases.length ? caseId(i) : undefined),
  };
};

export const merge: NodeMapper = (ctx) => {
  const mode = String(ctx.param('mode') ?? 'append');
  const by = String(ctx.param('combineBy') ?? ctx.param('combinationMode') ?? '');
  if (mode === 'append') {
    ctx.note('approximated', "append: the output is a list of each input's output, in input order");
    return { type: 'merge', config: { mode: 'all', combine: 'list' } };
  }
  if (mode === 'mergeByIndex' || by === 'combineByPosition' || mode === 'combineByPosition' || by === 'mergeByPosition') {
    ctx.note('approximated', "combine by position: the inputs' objects are merged key by key (one item each)");
    return { type: 'merge', config: { mode: 'all', combine: 'merge' } };
  }
  if (mode === 'chooseBranch' || mode === 'passThrough' || mode === 'wait') {
    ctx.note('approximated', 'choose branch: waits for both inputs; read the chosen one as steps.<id> (the output holds both, by step)');
    return { type: 'merge', config: { mode: 'all', combine: 'byStep' } };
  }
  ctx.note('manual', `merge "${mode}${by ? `/${by}` : ''}" (matching by fields, SQL, multiplex) is not imported: the inputs are kept by step; add a code step that matches them`);
  return { type: 'merge', config: { mode: 'all', combine: 'byStep' } };
};
