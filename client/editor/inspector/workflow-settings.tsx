import { useId } from 'react';
import { useCan } from '../../auth/can.js';
import { useApp } from '../../store/store-context.js';
import { useSetting } from './use-setting.js';
import { WorkflowPicker } from './workflow-picker.js';
import { SearchPathsField } from './search-paths-field.js';
import { SettingField } from './setting-field.js';

/**
 * Settings of the open workflow that belong to no step: the error workflow, started with a
 * summary of every failed run, and the searchable paths. Saved with the workflow, like any edit.
 */
export function WorkflowSettingsSection() {
  const id = useId();
  const canEdit = useCan('edit');
  const workflowId = useApp((s) => s.workflowId);
  const errorWorkflowId = useApp((s) => s.settings.errorWorkflowId);
  const { problems, set } = useSetting('errorWorkflowId');
  const setErrorWorkflow = (next: string | undefined) => set(next || undefined);

  return (
    <section className="panel-section" aria-label="Workflow settings">
      <h3>Workflow settings</h3>
      <SettingField
        id={id}
        label="Error workflow"
        problems={problems}
        help={
          <>
            When a run of this workflow fails, this workflow starts with a summary as <code>{'{{ trigger.body }}'}</code>: the workflow, the run and its link, the error (code, message, step) and the
            failed run’s trigger body. Save to apply.
          </>
        }
      >
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
      </SettingField>
      <SearchPathsField />
    </section>
  );
}
