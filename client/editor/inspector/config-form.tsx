import type { WorkflowIssue } from '../../../shared/graph/validate-workflow.js';
import type { HandleEdits } from '../../store/handle-edits.js';
import type { JsonSchema } from './form-schema.js';
import { LoopForm } from './loop-form.js';
import { MergeForm } from './merge-form.js';
import { SchemaForm } from './schema-form.js';
import { SubworkflowForm } from './subworkflow-form.js';

/** A node's configuration form: a hand-made one for the flow-control steps, the generated one for every other type. */
export function ConfigForm(props: {
  nodeId: string;
  nodeType: string;
  schema: JsonSchema;
  config: Record<string, unknown>;
  issues: readonly WorkflowIssue[];
  onChange: (config: Record<string, unknown>, field: string, handles?: HandleEdits) => void;
}) {
  const { nodeId, nodeType, schema, config, issues, onChange } = props;
  switch (nodeType) {
    case 'loop':
      return <LoopForm nodeId={nodeId} config={config} issues={issues} onChange={onChange} />;
    case 'merge':
      return <MergeForm nodeId={nodeId} config={config} issues={issues} onChange={onChange} />;
    case 'subworkflow':
      return <SubworkflowForm schema={schema} config={config} issues={issues} onChange={onChange} />;
    default:
      return <SchemaForm nodeType={nodeType} schema={schema} config={config} issues={issues} onChange={onChange} />;
  }
}
