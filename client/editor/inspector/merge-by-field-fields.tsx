import type { WorkflowIssue } from '../../../shared/graph/validate-workflow.js';
import { MERGE_JOINS } from '../../../shared/nodes/merge.node.js';
import { ChoiceField } from './choice-field.js';
import { Field } from './field-widgets.js';
import type { FieldSpec } from './form-schema.js';
import { problemsAt } from './schema-form.js';

type Join = (typeof MERGE_JOINS)[number];

const text = (key: string, label: string, help: string): FieldSpec => ({ key, label, kind: 'text', required: true, templated: false, advanced: false, help, defaultValue: 'id' });

const field1Spec = text('field1', 'Field in input 1', 'A name (id) or a path (customer.email), read in each item of the first incoming edge.');
const field2Spec = text('field2', 'Field in input 2', 'Read in each item of the second incoming edge; items match when both values are equal.');

const list = (key: string, n: number): FieldSpec => ({
  key,
  label: `List in input ${n}`,
  kind: 'text',
  required: false,
  templated: false,
  advanced: false,
  help: `Where the items sit in input ${n}’s output: body for an HTTP step that answers a list. Empty: the output itself.`,
});
const items1Spec = list('items1', 1);
const items2Spec = list('items2', 2);

const JOIN_CHOICES: readonly { value: Join; label: string; hint: string }[] = [
  { value: 'inner', label: 'Matches only', hint: 'One item per matching pair, the two merged (input 2 wins a clash). n8n: Keep Matches.' },
  { value: 'left', label: 'Every item of input 1', hint: 'The matched pairs, then the items of input 1 that matched nothing. n8n: Enrich Input 1.' },
  { value: 'right', label: 'Every item of input 2', hint: 'The matched pairs (input 1 wins a clash), then the items of input 2 that matched nothing. n8n: Enrich Input 2.' },
  { value: 'outer', label: 'Everything', hint: 'The matched pairs, then the unmatched items of input 1 and of input 2. n8n: Keep Everything.' },
];

/** The settings of a merge that joins two inputs' items by a field: which fields, which items to keep. */
export function MergeByFieldFields({ value, issues, onChange }: { value: unknown; issues: readonly WorkflowIssue[]; onChange: (byField: Record<string, unknown>) => void }) {
  const by = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const join: Join = MERGE_JOINS.find((j) => j === by.join) ?? 'inner';
  const set = (key: string, v: unknown) => {
    const next: Record<string, unknown> = { field1: 'id', field2: 'id', ...by, [key]: v };
    // An emptied list path means "the output itself": left out rather than stored as "".
    if ((key === 'items1' || key === 'items2') && (v === '' || v === undefined)) delete next[key];
    onChange(next);
  };
  return (
    <>
      <Field spec={field1Spec} value={by.field1} problems={problemsAt(issues, 'byField.field1')} onChange={(v) => set('field1', v)} />
      <Field spec={field2Spec} value={by.field2} problems={problemsAt(issues, 'byField.field2')} onChange={(v) => set('field2', v)} />
      <Field spec={items1Spec} value={by.items1} problems={problemsAt(issues, 'byField.items1')} onChange={(v) => set('items1', v)} />
      <Field spec={items2Spec} value={by.items2} problems={problemsAt(issues, 'byField.items2')} onChange={(v) => set('items2', v)} />
      <ChoiceField label="Keep" value={join} problems={problemsAt(issues, 'byField.join')} onChange={(v) => set('join', v)} choices={JOIN_CHOICES} />
    </>
  );
}
