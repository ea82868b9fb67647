import { useId } from 'react';
import { unaryOperators, type RuleOperator } from '../../../shared/nodes/rules.js';
import { Icon } from '../../ui/icons.js';
import { TemplatedInput } from './templated-input.js';

interface RuleDraft {
  field: string;
  operator: string;
  value?: string | number | boolean | null;
}

const numericOps = new Set(['greater_than', 'greater_or_equal', 'less_than', 'less_or_equal']);
const opLabel = (op: string) => op.replace(/_/g, ' ');

/** Numbers typed into a numeric comparison are stored as numbers; everything else as text. */
function typedValue(op: string, text: string): string | number {
  const n = Number(text);
  return numericOps.has(op) && text.trim() !== '' && Number.isFinite(n) ? n : text;
}

const readRules = (config: Record<string, unknown>): RuleDraft[] => (Array.isArray(config.rules) ? (config.rules as RuleDraft[]).map((r) => ({ ...r })) : []);

/** The no-code condition editor of filter and branch: "field · operator · value" rows joined by and/or. */
export function RuleBuilder({
  config,
  operators,
  onChange,
  problems,
  labelPrefix = '',
  lead = 'Continue when',
}: {
  config: Record<string, unknown>;
  operators: string[];
  onChange: (config: Record<string, unknown>, field: string) => void;
  problems: string[];
  /** Makes labels unique when several builders share a form (a switch's cases): "Case 2 condition 1 field". */
  labelPrefix?: string;
  lead?: string;
}) {
  const uid = useId();
  const cond = (i: number) => (labelPrefix ? `${labelPrefix} condition ${i + 1}` : `Condition ${i + 1}`);
  const rules = readRules(config);
  const combinator = config.combinator === 'or' ? 'or' : 'and';
  const set = (next: RuleDraft[], field: string) => onChange({ ...config, combinator, rules: next }, field);
  const update = (i: number, patch: Partial<RuleDraft>, field: string) =>
    set(
      rules.map((r, j) => (j === i ? { ...r, ...patch } : r)),
      `rules.${i}.${field}`,
    );

  return (
    <fieldset className="rules">
      <legend className="field-label">Conditions</legend>
      <label className="rules-combinator">
        <span>{lead}</span>
        <select
          className="input input-inline"
          value={combinator}
          aria-label={labelPrefix ? `How ${labelPrefix.toLowerCase()} conditions combine` : 'How conditions combine'}
          onChange={(e) => onChange({ ...config, combinator: e.target.value, rules }, 'combinator')}
        >
          <option value="and">all conditions hold</option>
          <option value="or">any condition holds</option>
        </select>
      </label>
      {rules.map((r, i) => {
        const unary = unaryOperators.has(r.operator as RuleOperator);
        return (
          <div className="rule" key={i}>
            {i > 0 ? <div className="rule-join">{combinator}</div> : null}
            <div className="rule-row">
              <TemplatedInput id={`${uid}-rule-${i}-field`} label={`${cond(i)} field`} value={r.field} placeholder="trigger.body.status" onChange={(v) => update(i, { field: v }, 'field')} />
              <select
                className="input"
                aria-label={`${cond(i)} operator`}
                value={r.operator}
                onChange={(e) => {
                  const op = e.target.value;
                  const { value: _v, ...rest } = r;
                  update(i, unaryOperators.has(op as RuleOperator) ? { ...rest, operator: op } : { operator: op, value: typedValue(op, String(r.value ?? '')) }, 'operator');
                }}
              >
                {operators.map((op) => (
                  <option key={op} value={op}>
                    {opLabel(op)}
                  </option>
                ))}
              </select>
              {unary ? null : (
                <TemplatedInput
                  id={`${uid}-rule-${i}-value`}
                  label={`${cond(i)} value`}
                  value={r.value === undefined || r.value === null ? '' : String(r.value)}
                  placeholder="value"
                  onChange={(v) => update(i, { value: typedValue(r.operator, v) }, 'value')}
                />
              )}
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${cond(i).toLowerCase()}`}
                disabled={rules.length <= 1}
                onClick={() =>
                  set(
                    rules.filter((_, j) => j !== i),
                    'rules',
                  )
                }
              >
                <Icon name="x" size={14} />
              </button>
            </div>
          </div>
        );
      })}
      <button type="button" className="button button-small button-ghost" onClick={() => set([...rules, { field: '', operator: 'equals', value: '' }], 'rules')}>
        <Icon name="plus" size={14} /> Add condition
      </button>
      {problems.map((p) => (
        <small key={p} className="field-error" role="alert">
          {p}
        </small>
      ))}
    </fieldset>
  );
}
