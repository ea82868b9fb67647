import { useId } from 'react';
import { useCan } from '../../auth/can.js';
import { useApp, useAppStore } from '../../store/store-context.js';
import { WorkflowPicker } from './workflow-picker.js';

/**
 * Settings of the open workflow that belong to no step: the error workflow, started with a
 * summary of every failed run. Saved with the workflow (`settings.errorWorkflowId`), like any edit.
 */
export function WorkflowSettingsSection() {
  const id = useId();
  const store = useAppStore();
  const canEdit = useCan('edit');
  const workflowId = useApp((s) => s.workflowId);
  const errorWorkflowId = useApp((s) => s.settings.errorWorkflowId);
  const problems = useApp((s) =>
    s.validation.issues
      .filter((i) => i.path.startsWith('settings.errorWorkflowId'))
      .map((i) => i.message)
      .join(' '),
  );

  const setErrorWorkflow = (next: string | undefined) => {
    const s = store.getState();
    const settings = { ...s.settings };
    if (next) settings.errorWorkflowId = next;
    else delete settings.errorWorkflowId;
    store.setState({ settings, dirty: true, edits: s.edits + 1 });
    s.revalidate();
  };

  return (
    <section className="panel-section" aria-label="Workflow settings">
      <h3>Workflow settings</h3>
      <div className={`field${problems ? ' field-invalid' : ''}`}>
        <label htmlFor={id} className="field-label">
          Error workflow
        </label>
        <WorkflowPicker
          id={id}
          label="Error workflow"
          value={errorWorkflowId}
          onChange={setErrorWorkflow}
          excludeId={workflowId}
          invalid={Boolean(problems)}
          describedBy={`${id}-help`}
          none="None"
          disabled={!canEdit}
        />
        <small id={`${id}-help`} className="field-help">
          When a run of this workflow fails, this workflow starts with a summary as <code>{'{{ trigger.body }}'}</code>: the workflow, the run and its link, the error (code, message, step) and the
          failed run’s trigger body. Save to apply.
        </small>
        {problems ? (
          <small className="field-error" role="alert">
            {problems}
          </small>
        ) : null}
      </div>
    </section>
  );
}
