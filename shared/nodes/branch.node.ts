import { defineNodeType } from './define-node-type.js';
import { ruleSetSchema } from './rules.js';

export const branchNode = defineNodeType({
  type: 'branch',
  version: 1,
  title: 'Branch (if / else)',
  description: 'Sends the data down the "true" or the "false" path.',
  category: 'logic',
  icon: '⑂',
  kind: 'step',
  outputs: [
    { id: 'true', label: 'True' },
    { id: 'false', label: 'False' },
  ],
  configSchema: ruleSetSchema,
  defaults: { combinator: 'and', rules: [{ field: 'trigger.body.amount', operator: 'greater_than', value: 100 }] },
  summarize: (c) => `if ${c.rules.map((r) => `${r.field} ${r.operator.replace(/_/g, ' ')} ${r.value ?? ''}`.trim()).join(` ${c.combinator} `)}`,
});
