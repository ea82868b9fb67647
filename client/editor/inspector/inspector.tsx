import { useMemo } from 'react';
import { getNodeType } from '../../../shared/nodes/registry.js';
import { upstreamIds } from '../../store/connection-rules.js';
import type { StepFlowNode } from '../../store/flow-types.js';
import { useApp } from '../../store/store-context.js';
import { CopyButton } from '../../ui/copy-button.js';
import { TriggerPanel } from '../trigger-panel.js';
import { SchedulePanel } from '../schedule-panel.js';
import { pickerData } from './data-paths.js';
import { DataPicker } from './data-picker.js';
import { useLoopPickerData } from './loop-picker-data.js';
import type { JsonSchema } from './form-schema.js';
import { InsertContext, useInsertTarget } from './insert-context.js';
import { ConfigForm } from './config-form.js';
import { completionScope } from '../code/completions.js';
import { ScopeContext } from './scope-context.js';
import { NodeIcon } from '../../ui/node-icon.js';
import { ConnectionsSection } from './connections-section.js';
import { StepTestPanel } from './step-test-panel.js';
import { SecretLiteralsPanel } from './secret-literals-panel.js';

const EMPTY: never[] = [];

/** The side panel for one selected step: name, trigger URL, generated form, data picker. */
export function Inspector({ node }: { node: StepFlowNode }) {
  const info = useApp((s) => s.typeInfo(node.data.nodeType));
  const issues = useApp((s) => s.validation.byNode[node.id] ?? EMPTY);
  const updateConfig = useApp((s) => s.updateConfig);
  const setLabel = useApp((s) => s.setLabel);
  const setOnFailure = useApp((s) => s.setOnFailure);
  const sample = useApp((s) => s.sample);
  const steps = useApp((s) => s.editorSteps);
  const edges = useApp((s) => s.edges);
  const toast = useApp((s) => s.toast);
  const target = useInsertTarget();
  const descriptor = getNodeType(node.data.nodeType);
  const isTrigger = (info?.kind ?? descriptor?.kind) === 'trigger';

  const upstream = useMemo(() => upstreamIds(edges, node.id), [edges, node.id]);
  const baseData = useMemo(() => pickerData(sample, steps, upstream), [sample, steps, upstream]);
  const data = useLoopPickerData(node.id, baseData, upstream);
  const firstSource = useMemo(() => edges.find((e) => e.target === node.id)?.source, [edges, node.id]);
  const scope = useMemo(() => completionScope(data, firstSource, upstream), [data, firstSource, upstream]);
  const general = issues.filter((i) => !i.path.startsWith('config'));

  return (
    <InsertContext.Provider value={target}>
      <ScopeContext.Provider value={scope}>
        <div className="inspector" aria-label={`Settings of ${node.data.label ?? info?.title ?? node.id}`}>
          <header className="inspector-head">
            <span className="node-icon node-icon-large" aria-hidden="true">
              <NodeIcon type={node.data.nodeType} size={22} />
            </span>
            <div>
              <h2>{info?.title ?? node.data.nodeType}</h2>
              <p className="muted small">{info?.description ?? descriptor?.description}</p>
            </div>
          </header>
          <div className="panel-section">
            <label className="field">
              <span className="field-label">Name on the canvas</span>
              <input className="input" value={node.data.label ?? ''} placeholder={info?.title ?? ''} onChange={(e) => setLabel(node.id, e.target.value)} />
            </label>
            <div className="id-row">
              <span className="muted small">Step id</span> <code>{node.id}</code>
              {!isTrigger ? <CopyButton text={`{{ steps.${node.id} }}`} label="Copy reference" /> : null}
            </div>
            {general.map((i) => (
              <p key={i.message} className={`issue-line issue-${i.severity}`}>
                {i.message}
              </p>
            ))}
          </div>
          <ConnectionsSection node={node} />
          {node.data.nodeType === 'webhook' ? <TriggerPanel nodeId={node.id} /> : null}
          {node.data.nodeType === 'schedule' ? <SchedulePanel nodeId={node.id} /> : null}
          <StepTestPanel nodeId={node.id} nodeType={node.data.nodeType} />
          <SecretLiteralsPanel node={node} />
          <section className="panel-section" aria-label="Configuration">
            <h3>Configuration</h3>
            {info ? (
              <ConfigForm
                nodeId={node.id}
                nodeType={node.data.nodeType}
                schema={info.configSchema as JsonSchema}
                config={node.data.config}
                issues={issues}
                onChange={(config, field, handles) => updateConfig(node.id, config, field, handles)}
              />
            ) : (
              <p className="muted small">This node type is not offered by the server, so it cannot be edited.</p>
            )}
          </section>
          {!isTrigger ? (
            <section className="panel-section" aria-label="When this step fails">
              <label className="field">
                <span className="field-label">When this step fails for good</span>
                <select className="input" value={node.data.onFailure ?? 'fail'} onChange={(e) => setOnFailure(node.id, e.target.value as 'fail' | 'continue' | 'branch')}>
                  <option value="fail">Fail the run</option>
                  <option value="continue">Continue, with the error as this step's output</option>
                  <option value="branch">Take the “On error” output</option>
                </select>
                <small className="field-help">Retries happen first; this decides what the last failure does.</small>
              </label>
            </section>
          ) : null}
          {!isTrigger ? (
            <section className="panel-section" aria-label="Data picker">
              <h3>Insert data</h3>
              <p className="muted small">Click a field in the form, then a key below to insert it as {'{{ … }}'}.</p>
              <DataPicker
                data={data}
                onNoTarget={(text) => {
                  void navigator.clipboard?.writeText(text).catch(() => undefined);
                  toast('info', `Click a field first. ${text} was copied instead.`);
                }}
              />
            </section>
          ) : null}
        </div>
      </ScopeContext.Provider>
    </InsertContext.Provider>
  );
}
