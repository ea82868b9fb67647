import { useId } from 'react';
import type { WorkflowIssue } from '../../../shared/graph/validate-workflow.js';
import { MAX_LOOP_ITEMS } from '../../../shared/nodes/loop.node.js';
import { ChoiceField } from './choice-field.js';
import { Field } from './field-widgets.js';
import type { FieldSpec } from './form-schema.js';
import { JsonField } from './json-field.js';
import { problemsAt } from './schema-form.js';
import { TemplatedInput } from './templated-input.js';

type OnChange = (config: Record<string, unknown>, field: string) => void;

const number = (key: string, label: string, min: number, max: number, defaultValue: number, help: string): FieldSpec => ({
  key,
  label,
  kind: 'number',
  integer: true,
  min,
  max,
  defaultValue,
  help,
  required: false,
  templated: false,
  advanced: false,
});

const concurrencySpec = number('concurrency', 'Items at a time', 1, 50, 1, '1 runs the items one after another, in order. Up to 50 run at once; the results keep the items’ order either way.');
const maxItemsSpec = number(
  'maxItems',
  'Most items',
  1,
  MAX_LOOP_ITEMS,
  10_000,
  `A longer list fails this step (loop_too_many_items) rather than running away. At most ${MAX_LOOP_ITEMS.toLocaleString('en')}.`,
);

/** The loop's list: an expression (the usual case) or a fixed JSON list. */
function ItemsField({ value, onChange, problems }: { value: unknown; onChange: (v: unknown) => void; problems: string[] }) {
  const id = useId();
  const fixed = Array.isArray(value);
  return (
    <div className={`field${problems.length ? ' field-invalid' : ''}`}>
      <div className="field-head">
        <label htmlFor={id} className="field-label">
          Items
          <span className="required" aria-label="required">
            *
          </span>
        </label>
        <div className="segmented" role="group" aria-label="Items are">
          <button type="button" aria-pressed={!fixed} onClick={() => fixed && onChange('{{ input }}')}>
            Expression
          </button>
          <button type="button" aria-pressed={fixed} onClick={() => !fixed && onChange([])}>
            Fixed list
          </button>
        </div>
      </div>
      {fixed ? (
        <JsonField id={id} label="Items" value={value} onChange={(v) => onChange(v ?? [])} />
      ) : (
        <TemplatedInput
          id={id}
          label="Items"
          value={typeof value === 'string' ? value : ''}
          onChange={onChange}
          invalid={problems.length > 0}
          describedBy={`${id}-help`}
          placeholder="{{ trigger.body.items }}"
        />
      )}
      <small id={`${id}-help`} className="field-help">
        {fixed ? (
          'A JSON list, run once per entry.'
        ) : (
          <>
            A list to walk through, usually one expression: <code>{'{{ trigger.body.lines }}'}</code>, <code>{'{{ steps.fetch.items }}'}</code>, or <code>{'{{ input }}'}</code> for what the step
            before gave.
          </>
        )}
      </small>
      {problems.map((p) => (
        <small key={p} className="field-error" role="alert">
          {p}
        </small>
      ))}
    </div>
  );
}

/** The loop step's settings, with what each does; the steps on "Each item" are the loop's body. */
export function LoopForm({ nodeId, config, issues, onChange }: { nodeId: string; config: Record<string, unknown>; issues: readonly WorkflowIssue[]; onChange: OnChange }) {
  const set = (key: string, v: unknown) => {
    const next = { ...config };
    if (v === undefined) delete next[key];
    else next[key] = v;
    onChange(next, key);
  };
  const value = (key: string, fallback: unknown) => (Object.prototype.hasOwnProperty.call(config, key) ? config[key] : fallback);
  return (
    <div className="schema-form loop-form">
      <p className="form-intro small">
        Steps connected to <b>Each item</b> run once per item: the first one gets the item as its input, and any of them can read <code>{`{{ steps.${nodeId}.item }}`}</code>, <code>.index</code> and{' '}
        <code>.total</code>. <b>Done</b> continues once, with the list of results.
      </p>
      <ItemsField value={value('items', '{{ input }}')} onChange={(v) => set('items', v)} problems={problemsAt(issues, 'items')} />
      <Field spec={concurrencySpec} value={config.concurrency} problems={problemsAt(issues, 'concurrency')} onChange={(v) => set('concurrency', v)} />
      <ChoiceField
        label="When an item fails"
        value={value('onItemFailure', 'fail') === 'collect' ? 'collect' : 'fail'}
        problems={problemsAt(issues, 'onItemFailure')}
        onChange={(v) => set('onItemFailure', v)}
        choices={[
          { value: 'fail', label: 'Fail the loop', hint: 'The first failed item stops the loop; what happens next is this step’s “When this step fails”.' },
          { value: 'collect', label: 'Collect the error and go on', hint: 'The item’s {error} takes its place in the results, and the other items still run.' },
        ]}
      />
      <Field spec={maxItemsSpec} value={config.maxItems} problems={problemsAt(issues, 'maxItems')} onChange={(v) => set('maxItems', v)} />
    </div>
  );
}
