import type { WorkflowDefinition } from '../../shared/graph/workflow-schema.js';
import { lookupPath, pathSegments } from '../../shared/graph/templates.js';
import { evaluateRuleSet, ruleSetSchema } from '../../shared/nodes/rules.js';
import { getNodeType } from '../../shared/nodes/registry.js';

export type TriggerData = { body: unknown; headers: Record<string, string>; query: Record<string, string>; method: string };

/**
 * A rule's field (a bare path or a template) or value (a literal or a template), when it
 * reads only the trigger; `known: false` when it needs a step's output or more than a path.
 */
function resolve(text: unknown, trigger: TriggerData, bare: boolean): { known: boolean; value: unknown } {
  if (typeof text !== 'string') return { known: true, value: text ?? null };
  const expr = text.includes('{{') ? /^\{\{\s*(.*?)\s*\}\}$/.exec(text)?.[1] : bare ? text : undefined;
  if (expr === undefined) return { known: !text.includes('{{'), value: text };
  const keys = pathSegments(expr);
  if (!keys || keys[0] !== 'trigger') return { known: false, value: undefined };
  return { known: true, value: lookupPath({ trigger }, keys) };
}

/**
 * Follows a workflow from its trigger for one event, deciding filters and branches whose
 * rules read only the trigger (others are assumed to pass). Returns the nodes reached. This is
 * how the unit test checks that a sample "matches" its template without running anything.
 */
export function reachedNodes(wf: WorkflowDefinition, trigger: TriggerData): Set<string> {
  const start = wf.nodes.find((n) => getNodeType(n.type)?.kind === 'trigger');
  const reached = new Set<string>();
  const queue = start ? [start.id] : [];
  while (queue.length) {
    const id = queue.shift() as string;
    if (reached.has(id)) continue;
    reached.add(id);
    const n = wf.nodes.find((x) => x.id === id);
    let ports: string[] = ['out'];
    if (n && (n.type === 'filter' || n.type === 'branch')) {
      const rules = ruleSetSchema.parse(n.config);
      const resolved = rules.rules.map((r) => ({ field: resolve(r.field, trigger, true), value: resolve(r.value, trigger, false), operator: r.operator }));
      const decidable = resolved.every((r) => r.field.known && r.value.known);
      const passed =
        !decidable ||
        evaluateRuleSet(
          rules.combinator,
          resolved.map((r) => ({ actual: r.field.value, operator: r.operator, expected: r.value.value })),
        );
      ports = n.type === 'filter' ? (passed ? ['out'] : []) : [passed ? 'true' : 'false'];
    }
    for (const e of wf.edges) if (e.source === id && ports.includes(e.sourceHandle ?? 'out')) queue.push(e.target);
  }
  return reached;
}

/** Every plain `{{ trigger.… }}` path used in the workflow's configs (expressions beyond a path are skipped). */
export function triggerPaths(wf: WorkflowDefinition): string[] {
  const out = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) if (m[1]?.startsWith('trigger.') && pathSegments(m[1])) out.add(m[1]);
      if (!v.includes('{{') && v.startsWith('trigger.') && pathSegments(v)) out.add(v);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  for (const n of wf.nodes) visit(n.config);
  return [...out];
}
