import { ReactFlow, ReactFlowProvider, Background, BackgroundVariant, Controls, MiniMap } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { getNodeType } from '../../shared/nodes/registry.js';
import { useAsync } from '../lib/use-async.js';
import { Link } from '../router/link.js';
import { navigate } from '../router/router.js';
import { readDefinition } from '../store/definition.js';
import { toFlow } from '../store/flow-mapping.js';
import { isRunFinished, stepsByNode } from '../store/run-slice.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { dateTime, duration } from '../ui/format.js';
import { Icon } from '../ui/icons.js';
import { ErrorState, LoadingState } from '../ui/states.js';
import { StatusBadge } from '../ui/status-badge.js';
import { RunViewContext } from '../editor/canvas-mode.js';
import { nodeTypes } from '../editor/canvas.js';
import { FitOnInit } from '../editor/fit-on-init.js';
import { ErrorBox, StepDetail } from './step-detail.js';

const POLL_MS = 1000;

/** One run: its version of the graph with per-node status, and every step's data; replay. */
export function RunDetailPage({ runId }: { runId: string }) {
  const api = useApi();
  const toast = useApp((s) => s.toast);
  const loadCatalog = useApp((s) => s.loadCatalog);
  const [selected, setSelected] = useState<string | null>(null);
  const { state, reload } = useAsync(async () => {
    void loadCatalog();
    return api.runs.get(runId);
  }, [api, runId], (run) => (run && isRunFinished(run.status) ? undefined : POLL_MS));
  const run = state.data;

  // The run's version never changes, so the graph is built once per run and left to React Flow.
  const definition = run?.definition;
  const graph = useMemo(() => {
    if (!definition) return { nodes: [], edges: [] };
    const flow = toFlow(readDefinition(definition).doc);
    return { nodes: flow.nodes.map((n) => ({ ...n, draggable: false })), edges: flow.edges };
  }, [run?.id, definition !== undefined && definition !== null]);
  const steps = useMemo(() => stepsByNode(run ?? null), [run]);
  const runView = useMemo(() => ({ steps }), [steps]);

  const replay = async () => {
    try {
      const { runId: next } = await api.runs.replay(runId);
      toast('success', 'Replay started.');
      navigate(`/runs/${encodeURIComponent(next)}`);
    } catch (e) {
      toast('error', `Could not replay: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  if (!run) {
    if (state.status === 'error') return <div className="page-inner"><ErrorState message={state.error} onRetry={reload} /></div>;
    return <LoadingState label="Loading run…" />;
  }
  const titleOf = (nodeId: string) => {
    const n = graph.nodes.find((x) => x.id === nodeId);
    const label = n?.type === 'step' ? n.data.label : undefined;
    return label ?? (n?.type === 'step' ? getNodeType(n.data.nodeType)?.title : undefined) ?? nodeId;
  };
  const step = run.steps.find((s) => s.nodeId === selected) ?? run.steps.find((s) => s.status === 'failed') ?? run.steps[run.steps.length - 1];

  return (
    <div className="run-detail">
      <header className="run-header">
        <Link to="/runs" className="icon-button tool" aria-label="Back to runs"><Icon name="back" size={18} /></Link>
        <div>
          <h1>{run.workflowName ?? 'Run'} <StatusBadge status={run.status} /></h1>
          <p className="muted small">
            Run <code>{run.id}</code> · version {run.version} · started {dateTime(run.startedAt ?? run.createdAt)} · took {duration(run.startedAt ?? run.createdAt, run.finishedAt)}
          </p>
        </div>
        <div className="toolbar-spacer" />
        <Link to={`/workflows/${encodeURIComponent(run.workflowId)}`} className="button">Open workflow</Link>
        <button type="button" className="button button-primary" onClick={() => void replay()}><Icon name="replay" size={14} />Replay</button>
      </header>
      {run.error ? <div className="run-error"><ErrorBox error={run.error} /></div> : null}
      <div className="run-body">
        <div className="run-canvas">
          <RunViewContext.Provider value={runView}>
            <ReactFlowProvider>
              <ReactFlow key={run.id} defaultNodes={graph.nodes} defaultEdges={graph.edges} nodeTypes={nodeTypes} fitView fitViewOptions={{ padding: 0.2, maxZoom: 1.1 }}
                nodesDraggable={false} nodesConnectable={false} elementsSelectable deleteKeyCode={null} proOptions={{ hideAttribution: true }}
                onNodeClick={(_, n) => setSelected(n.id)} aria-label="Graph of this run">
                <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
                <MiniMap pannable zoomable nodeBorderRadius={6} nodeColor={(n) => (n.type === 'note' ? '#fde68a' : steps[n.id]?.status === 'failed' ? '#f04438' : steps[n.id]?.status === 'skipped' ? '#d0d5dd' : steps[n.id] ? '#12b76a' : '#cbd5e1')} />
                <Controls showInteractive={false} />
                <FitOnInit />
              </ReactFlow>
            </ReactFlowProvider>
          </RunViewContext.Provider>
        </div>
        <aside className="run-side" aria-label="Steps">
          <ol className="run-step-list">
            {run.steps.map((s) => (
              <li key={s.nodeId}>
                <button type="button" className={`run-step${step?.nodeId === s.nodeId ? ' active' : ''}`} onClick={() => setSelected(s.nodeId)}>
                  <StatusBadge status={s.status} small />
                  <span className="run-step-name">{titleOf(s.nodeId)}</span>
                  <span className="muted small">{duration(s.startedAt, s.finishedAt)}</span>
                </button>
              </li>
            ))}
            {run.steps.length === 0 ? <li className="muted small">{isRunFinished(run.status) ? 'No steps ran.' : 'Waiting for the first step…'}</li> : null}
          </ol>
          {step ? <StepDetail key={`${run.id}:${step.nodeId}`} step={step} title={titleOf(step.nodeId)} /> : null}
        </aside>
      </div>
    </div>
  );
}
