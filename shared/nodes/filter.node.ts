import { defineNodeType, singleOutput } from './define-node-type.js';
import { ruleSetSchema } from './rules.js';

export const filterNode = defineNodeType({
  type: 'filter',
  version: 1,
  title: 'Filter',
  description: 'Continues only when the conditions hold; otherwise the run ends here, successfully.',
  category: 'logic',
  icon: '⏷',
  kind: 'step',
  outputs: singleOutput,
  configSchema: ruleSetSchema,
  defaults: { combinator: 'and', rules: [{ field: 'trigger.body.status', operator: 'equals', value: 'paid' }] },
  summarize: (c) => c.rules.map((r) => `${r.field} ${r.operator.replace(/_/g, ' ')} ${r.value ?? ''}`.trim()).join(` ${c.combinator} `),
});
