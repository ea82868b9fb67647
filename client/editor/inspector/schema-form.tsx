import { useMemo } from 'react';
import type { WorkflowIssue } from '../../../shared/graph/validate-workflow.js';
import { Field } from './field-widgets.js';
import { fieldsOf, fieldValue, type FieldSpec, type JsonSchema } from './form-schema.js';
import { RuleBuilder } from './rule-builder.js';
import { SwitchCasesField } from './switch-cases-field.js';
import type { HandleEdits } from '../../store/handle-edits.js';
import { UnionField } from './union-field.js';
import { ObjectField } from './object-field.js';

/** Validation messages whose path is inside `config.<key>`. */
export function problemsAt(issues: readonly WorkflowIssue[], key: string): string[] {
  const base = `config.${key}`;
  return issues.filter((i) => i.path === base || i.path.startsWith(`${base}.`) || i.path.startsWith(`${base}[`)).map((i) => i.message);
}

/** The form of one node, generated from its config schema. */
export function SchemaForm({
  nodeType,
  schema,
  config,
  issues,
  onChange,
}: {
  nodeType: string;
  schema: JsonSchema;
  config: Record<string, unknown>;
  issues: readonly WorkflowIssue[];
  onChange: (config: Record<string, unknown>, field: string, handles?: HandleEdits) => void;
}) {
  const fields = useMemo(() => fieldsOf(nodeType, schema), [nodeType, schema]);
  const set = (key: string, v: unknown) => {
    const next = { ...config };
    if (v === undefined) delete next[key];
    else next[key] = v;
    onChange(next, key);
  };
  const render = (f: FieldSpec) => {
    if (f.kind === 'rules') {
      return <RuleBuilder key={f.key} config={config} operators={f.options ?? []} onChange={onChange} problems={[...problemsAt(issues, 'rules'), ...problemsAt(issues, 'combinator')]} />;
    }
    if (f.kind === 'cases') {
      return <SwitchCasesField key={f.key} config={config} operators={f.options ?? []} onChange={onChange} problemsFor={(p) => problemsAt(issues, p)} />;
    }
    if (f.kind === 'union') {
      return <UnionField key={f.key} spec={f} value={config[f.key]} onChange={(v) => set(f.key, v)} problemsFor={(p) => problemsAt(issues, p)} />;
    }
    if (f.kind === 'object') {
      return <ObjectField key={f.key} spec={f} value={config[f.key]} onChange={(v) => set(f.key, v)} problemsFor={(p) => problemsAt(issues, p)} />;
    }
    return <Field key={f.key} spec={f} value={fieldValue(config, f)} problems={problemsAt(issues, f.key)} owner={config} onChange={(v) => set(f.key, v)} />;
  };
  const basic = fields.filter((f) => !f.advanced);
  const advanced = fields.filter((f) => f.advanced);
  const advancedHasProblem = advanced.some((f) => problemsAt(issues, f.key).length > 0);
  return (
    <div className="schema-form">
      {basic.map(render)}
      {advanced.length ? (
        <details className="advanced" open={advancedHasProblem || undefined}>
          <summary>Advanced</summary>
          {advanced.map(render)}
        </details>
      ) : null}
    </div>
  );
}
