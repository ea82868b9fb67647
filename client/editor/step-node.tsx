import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { WorkflowIssue } from '../../shared/graph/validate-workflow.js';
import { getNodeType } from '../../shared/nodes/registry.js';
import { outputsOf, summarizeNode } from '../store/catalog.js';
import type { StepFlowNode } from '../store/flow-types.js';
import { useApp } from '../store/store-context.js';
import { useRunView } from './canvas-mode.js';
import { MergeInputs } from './merge-inputs.js';
import { NodeIcon } from '../ui/node-icon.js';
import { Ban, Check, Circle, Clock, Minus, RotateCw, TriangleAlert, X, type LucideIcon } from 'lucide-react';

const NO_ISSUES: WorkflowIssue[] = [];

function RunGlyph({ status }: { status: string }) {
  const Glyph = Object.prototype.hasOwnProperty.call(runGlyph, status) ? runGlyph[status] : undefined;
  return Glyph ? <Glyph size={11} strokeWidth={3} aria-hidden="true" fill={status === 'running' ? 'currentColor' : 'none'} /> : <>?</>;
}

function IssueBadge({ issues }: { issues: WorkflowIssue[] }) {
  if (!issues.length) return null;
  const errors = issues.filter((i) => i.severity === 'error');
  const kind = errors.length ? 'error' : 'warning';
  const text = issues.map((i) => i.message).join('\n');
  return (
    <span className={`node-badge badge-${kind}`} role="img" title={text} aria-label={`${issues.length} ${kind === 'error' ? 'problem' : 'warning'}${issues.length > 1 ? 's' : ''}: ${text}`}>
      {kind === 'error' ? '!' : <TriangleAlert size={11} strokeWidth={2.5} aria-hidden="true" />}
    </span>
  );
}

/** Run states as SVG glyphs (the text glyphs they replace are missing from many fonts). */
const runGlyph: Record<string, LucideIcon> = { succeeded: Check, failed: X, running: Circle, retrying: RotateCw, skipped: Minus, waiting: Clock, cancelled: Ban };

/**
 * The one node component: every descriptor drawn the same way (icon, title, one-line summary),
 * with handles for its outputs and badges from validation and from the latest run.
 */
function StepNodeView({ id, data, selected }: NodeProps<StepFlowNode>) {
  const runView = useRunView();
  const info = useApp((s) => s.typeInfo(data.nodeType));
  const editorIssues = useApp((s) => s.validation.byNode[id] ?? NO_ISSUES);
  const editorStep = useApp((s) => s.editorSteps[id]);
  const issues = runView ? NO_ISSUES : editorIssues;
  const step = runView ? runView.steps[id] : editorStep;
  const descriptor = getNodeType(data.nodeType);
  const summary = useMemo(() => summarizeNode(data.nodeType, data.config), [data.nodeType, data.config]);
  const title = info?.title ?? descriptor?.title ?? data.nodeType;
  const kind = info?.kind ?? descriptor?.kind ?? 'step';
  const outputs = useMemo(() => outputsOf(data.nodeType, data.config, data.onFailure), [data.nodeType, data.config, data.onFailure]);
  // Handles come and go with the config (a switch's cases, an error output): re-measure them.
  // Not on mount: React Flow measures a new node itself, and one re-measure per node on open
  // (each a full store update) made opening 300 nodes quadratic.
  const updateInternals = useUpdateNodeInternals();
  const handleKey = outputs.map((o) => o.id).join('|');
  const measuredKey = useRef(handleKey);
  useEffect(() => {
    if (measuredKey.current === handleKey) return;
    measuredKey.current = handleKey;
    updateInternals(id);
  }, [handleKey, id, updateInternals]);
  const hasError = issues.some((i) => i.severity === 'error');
  const runStatus = step?.status;
  const category = info?.category ?? descriptor?.category ?? 'other';

  return (
    <div
      className={`flow-node cat-${category}${kind === 'trigger' ? ' is-trigger' : ''}${selected ? ' selected' : ''}${hasError ? ' has-error' : ''}${runStatus ? ` run-${runStatus}` : ''}${outputs.length > 1 ? ' multi-out' : ''} type-${data.nodeType}`}
      data-testid={`node-${id}`}
      role="group"
      aria-label={`${data.label ?? title}: ${summary}`}
    >
      {kind !== 'trigger' ? <Handle type="target" position={Position.Left} id="in" className="handle handle-in" role="img" aria-label="Input" /> : null}
      {data.nodeType === 'merge' ? <MergeInputs mode={data.config.mode} /> : null}
      <span className="node-icon" aria-hidden="true">
        <NodeIcon type={data.nodeType} />
      </span>
      <div className="node-text">
        <div className="node-title">
          {data.label ?? title}
          {kind === 'trigger' ? <span className="node-tag">Trigger</span> : null}
        </div>
        <div className="node-summary" title={summary}>
          {summary}
        </div>
      </div>
      <div className="node-badges">
        <IssueBadge issues={issues} />
        {runStatus ? (
          <span
            className={`node-badge run-badge-${runStatus}`}
            role="img"
            title={`Last run: ${runStatus}${step && step.attempt > 1 ? `, attempt ${step.attempt}` : ''}`}
            aria-label={`Last run ${runStatus}`}
          >
            <RunGlyph status={runStatus} />
          </span>
        ) : null}
      </div>
      {outputs.length <= 1 ? (
        <Handle type="source" position={Position.Right} id={outputs[0]?.id ?? 'out'} className="handle handle-out" role="img" aria-label="Output" />
      ) : (
        outputs.map((o, i) => (
          <div key={o.id} className="output-port" style={{ top: `${((i + 1) / (outputs.length + 1)) * 100}%` }}>
            <span className={`output-label out-${o.id}`}>{o.label}</span>
            <Handle type="source" position={Position.Right} id={o.id} className={`handle handle-out handle-${o.id}`} role="img" aria-label={`Output ${o.label}`} />
          </div>
        ))
      )}
    </div>
  );
}

export const StepNode = memo(StepNodeView);
