import { FALLBACK_OUTPUT } from '../../../nodes/switch.node.js';
import { rulesOf, v1Operators } from '../conditions.js';
import type { MapContext, MappedNode, NodeMapper } from '../mapper-types.js';
import { byFieldJoin, n8nMergeMode, type N8nMergeMode } from '../merge-modes.js';

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
  const m = n8nMergeMode(ctx.node);
  switch (m.kind) {
    case 'append':
      ctx.note('approximated', "append: the output is a list of each input's output, in input order");
      return { type: 'merge', config: { mode: 'all', combine: 'list' } };
    case 'position':
      ctx.note('approximated', "combine by position: the inputs' objects are merged key by key (one item each)");
      return { type: 'merge', config: { mode: 'all', combine: 'merge' } };
    case 'chooseBranch':
      ctx.note('approximated', 'choose branch: waits for both inputs; read the chosen one as steps.<id> (the output holds both, by step)');
      return { type: 'merge', config: { mode: 'all', combine: 'byStep' } };
    case 'byField':
      return mergeByField(ctx, m);
    case 'other':
      ctx.note('manual', `merge "${m.name}" (SQL, all combinations, key matches of v1) is not imported: the inputs are kept by step; add a code step that combines them`);
      return { type: 'merge', config: { mode: 'all', combine: 'byStep' } };
    default: {
      const unreachable: never = m;
      return unreachable;
    }
  }
};

/** Combine by matching fields (v1: merge by key): a `byField` merge; what it cannot say is in the report. */
function mergeByField(ctx: MapContext, m: Extract<N8nMergeMode, { kind: 'byField' }>): MappedNode {
  const joined = byFieldJoin(m);
  if (!joined) {
    ctx.note(
      'manual',
      m.join === 'nonMatches' ? 'merge "keep non-matches" has no equivalent: the inputs are kept by step; add a code step' : 'merge by fields without fields to match: the inputs are kept by step',
    );
    return { type: 'merge', config: { mode: 'all', combine: 'byStep' } };
  }
  if (m.pairs.length > 1) ctx.note('manual', `only the first pair of fields is matched (${joined.field1} = ${joined.field2}); n8n matched ${m.pairs.length} pairs`);
  const options = (ctx.param('options') ?? {}) as Record<string, unknown>;
  const clash = (options.clashHandling as { values?: { resolveClash?: unknown } } | undefined)?.values?.resolveClash;
  if (m.v1 && ctx.param('overwrite') !== undefined && ctx.param('overwrite') !== 'always')
    ctx.note('approximated', `"overwrite: ${String(ctx.param('overwrite'))}" is not kept: input 2's values always win a clash`);
  if (clash !== undefined && clash !== 'preferLast' && clash !== 'preferInput2')
    ctx.note('approximated', `clash handling "${String(clash)}" is not kept: input 2's values win a clash (input 1's in a right join)`);
  if (options.multipleMatches === 'first') ctx.note('approximated', 'every match is kept, where n8n kept the first match only');
  if (options.fuzzyCompare === true) ctx.note('approximated', 'values are compared exactly, where n8n compared them loosely (1 = "1")');
  const outputFrom = ctx.param('outputDataFrom');
  if (m.join === 'inner' && (outputFrom === 'input1' || outputFrom === 'input2')) {
    ctx.note('approximated', `matched items are merged, where n8n output the items of ${outputFrom === 'input1' ? 'input 1' : 'input 2'} alone`);
  }
  ctx.note('approximated', 'combine by fields: a list of the joined items (nested objects merged key by key, lists replaced)');
  // An HTTP step's items are its `body`: say where each input's list sits.
  const lists = [0, 1].map((i) => {
    const suffix = ctx.inputSuffixAt?.(i) ?? '';
    if (suffix === '' || /^(?:\.[A-Za-z_$][\w$]*)+$/.test(suffix)) return suffix.slice(1);
    ctx.note('manual', `input ${i + 1} holds its items at ${suffix} in its output; set "List in input ${i + 1}" by hand`);
    return '';
  });
  return { type: 'merge', config: { mode: 'all', combine: 'byField', byField: { ...joined, ...(lists[0] ? { items1: lists[0] } : {}), ...(lists[1] ? { items2: lists[1] } : {}) } } };
}
