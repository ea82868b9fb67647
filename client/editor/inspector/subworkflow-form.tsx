import { useId, useMemo } from 'react';
import type { WorkflowIssue } from '../../../shared/graph/validate-workflow.js';
import { useApp } from '../../store/store-context.js';
import { ChoiceField } from './choice-field.js';
import { Field } from './field-widgets.js';
import { fieldsOf, fieldValue, type JsonSchema } from './form-schema.js';
import { problemsAt } from './schema-form.js';
import { WorkflowPicker } from './workflow-picker.js';

type OnChange = (config: Record<string, unknown>, field: string) => void;

/** The sub-workflow step: which workflow to call (a picker, not an id to type), its input, and whether to wait. */
export function SubworkflowForm({ schema, config, issues, onChange }: { schema: JsonSchema; config: Record<string, unknown>; issues: readonly WorkflowIssue[]; onChange: OnChange }) {
  const id = useId();
  const workflowId = useApp((s) => s.workflowId);
  const fields = useMemo(() => fieldsOf('subworkflow', schema), [schema]);
  const set = (key: string, v: unknown) => {
    const next = { ...config };
    if (v === undefined) delete next[key];
    else next[key] = v;
    onChange(next, key);
  };
  const spec = (key: string) => fields.find((f) => f.key === key);
  const input = spec('input');
  const timeout = spec('timeout');
  const mode = config.mode === 'fireAndForget' ? 'fireAndForget' : 'wait';
  const problems = problemsAt(issues, 'workflowId');
  return (
    <div className="schema-form subworkflow-form">
      <div className={`field${problems.length ? ' field-invalid' : ''}`}>
        <label htmlFor={id} className="field-label">
          Workflow to call
          <span className="required" aria-label="required">
            *
          </span>
        </label>
        <WorkflowPicker
          id={id}
          label="Workflow to call"
          value={config.workflowId}
          onChange={(v) => set('workflowId', v ?? '')}
          excludeId={workflowId}
          invalid={problems.length > 0}
          describedBy={`${id}-help`}
          none="Choose a workflow…"
        />
        <small id={`${id}-help`} className="field-help">
          Its latest saved version runs, active or not. It receives the input below as <code>{'{{ trigger.body }}'}</code>.
        </small>
        {problems.map((p) => (
          <small key={p} className="field-error" role="alert">
            {p}
          </small>
        ))}
      </div>
      {input ? (
        <Field spec={{ ...input, label: 'Input', advanced: false }} value={fieldValue(config, input)} problems={problemsAt(issues, 'input')} owner={config} onChange={(v) => set('input', v)} />
      ) : null}
      <ChoiceField
        label="Then"
        value={mode}
        problems={problemsAt(issues, 'mode')}
        onChange={(v) => set('mode', v)}
        choices={[
          { value: 'wait', label: 'Wait for its result', hint: 'This step ends when the called run ends, with its result as the output (or its error).' },
          { value: 'fireAndForget', label: 'Start it and go on', hint: 'Continues at once with { runId } of the started run.' },
        ]}
      />
      {mode === 'wait' && timeout ? (
        <Field
          spec={{ ...timeout, label: 'Wait at most', help: 'e.g. "10m", "2h", "3d". After that the step fails with subworkflow_timeout and the called run is cancelled.', advanced: false }}
          value={fieldValue(config, timeout)}
          problems={problemsAt(issues, 'timeout')}
          owner={config}
          onChange={(v) => set('timeout', v)}
        />
      ) : null}
    </div>
  );
}
