import { ReactFlow, ReactFlowProvider, Background, BackgroundVariant, Controls, MiniMap } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import type { Step } from '../api/types.js';
import { getNodeType } from '../../shared/nodes/registry.js';
import { useAsync } from '../lib/use-async.js';
import { useCan } from '../auth/can.js';
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
import { LoopGroups } from '../editor/loop-groups.js';
import { ReplayDialog } from './replay-dialog.js';
import { CancelRunButton, RunOrigin, WaitingUntil } from './run-control-bar.js';
import { frameCrumbs } from './run-frames.js';
import { RunStepsBrowser } from './run-steps-browser.js';
import { ErrorBox } from './step-detail.js';
import { useTheme } from '../ui/theme.js';

const POLL_MS = 1000;

/** One run: its version of the graph with per-node status, and every step's data (loop items included); cancel and replay. */
export function RunDetailPage({ runId }: { runId: string }) {
  const { theme } = useTheme();
  const api = useApi();
  const canEdit = useCan('edit');
  const loadCatalog = useApp((s) => s.loadCatalog);
  const [selected, setSelected] = useState<string | null>(null);
  const [replaying, setReplaying] = useState(false);
  const [open, setOpen] = useState<{ frame: string; steps: Record<string, Step> | null }>({ frame: '', steps: null });
  const { state, reload, setData } = useAsync(
    async () => {
      void loadCatalog();
      return api.runs.get(runId);
    },
    [api, runId],
    (run) => (run && isRunFinished(run.status) ? undefined : POLL_MS),
  );
  const run = state.data;

  // The run's version never changes, so the graph is built once per run and left to React Flow.
  const definition = run?.definition;
  const graph = useMemo(() => {
    if (!definition) return { nodes: [], edges: [] };
    const flow = toFlow(readDefinition(definition).doc);
    return { nodes: flow.nodes.map((n) => ({ ...n, draggable: false })), edges: flow.edges };
  }, [run?.id, definition !== undefined && definition !== null]);
  // Inside a loop item, the body's nodes show that item's statuses.
  const steps = useMemo(() => ({ ...stepsByNode(run ?? null), ...(open.steps ?? {}) }), [run, open.steps]);
  const runView = useMemo(() => ({ steps, openItems: Object.fromEntries(frameCrumbs(open.frame).map((c) => [c.loopId, c.index])) }), [steps, open.frame]);
  const onFrame = useCallback((frame: string, s: Record<string, Step> | null) => setOpen({ frame, steps: s }), []);

  if (!run) {
    if (state.status === 'error')
      return (
        <div className="page-inner">
          <ErrorState message={state.error} onRetry={reload} />
        </div>
      );
    return <LoadingState label="Loading run…" />;
  }
  const titleOf = (nodeId: string) => {
    const n = graph.nodes.find((x) => x.id === nodeId);
    const label = n?.type === 'step' ? n.data.label : undefined;
    return label ?? (n?.type === 'step' ? getNodeType(n.data.nodeType)?.title : undefined) ?? nodeId;
  };
  const openRun = (next: string) => navigate(`/runs/${encodeURIComponent(next)}`);

  return (
    <div className="run-detail">
      <header className="run-header">
        <Link to="/runs" className="icon-button tool" aria-label="Back to runs">
          <Icon name="back" size={18} />
        </Link>
        <div>
          <h1>
            {run.workflowName ?? 'Run'} <StatusBadge status={run.status} /> <WaitingUntil status={run.status} wakeAt={run.wakeAt} />
          </h1>
          <p className="muted small">
            Run <code>{run.id}</code> · version {run.version} · started {dateTime(run.startedAt ?? run.createdAt)} · took {duration(run.startedAt ?? run.createdAt, run.finishedAt)}
            {run.parentRunId || run.replayOf ? ' · ' : null}
            <RunOrigin run={run} />
          </p>
        </div>
        <div className="toolbar-spacer" />
        {canEdit ? <CancelRunButton run={run} onCancelled={(ended) => setData(ended)} /> : null}
        <Link to={`/workflows/${encodeURIComponent(run.workflowId)}`} className="button">
          Open workflow
        </Link>
        {canEdit ? (
          <button type="button" className="button button-primary" onClick={() => setReplaying(true)}>
            <Icon name="replay" size={14} />
            Replay
          </button>
        ) : null}
      </header>
      <ReplayDialog open={replaying} onClose={() => setReplaying(false)} runId={run.id} runVersion={run.version} onReplayed={openRun} />
      {run.error ? (
        <div className="run-error">
          <ErrorBox error={run.error} />
        </div>
      ) : null}
      <div className="run-body">
        <div className="run-canvas">
          <RunViewContext.Provider value={runView}>
            <ReactFlowProvider>
              <ReactFlow
                colorMode={theme}
                key={run.id}
                defaultNodes={graph.nodes}
                defaultEdges={graph.edges}
                nodeTypes={nodeTypes}
                fitView
                fitViewOptions={{ padding: 0.2, maxZoom: 1.1 }}
                nodesDraggable={false}
                nodesConnectable={false}
                elementsSelectable
                deleteKeyCode={null}
                proOptions={{ hideAttribution: true }}
                onNodeClick={(_, n) => setSelected(n.id)}
                aria-label="Graph of this run"
              >
                <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
                <MiniMap
                  pannable
                  zoomable
                  nodeBorderRadius={6}
                  nodeColor={(n) =>
                    n.type === 'note' ? '#fde68a' : steps[n.id]?.status === 'failed' ? '#f04438' : steps[n.id]?.status === 'skipped' ? '#d0d5dd' : steps[n.id] ? '#12b76a' : '#cbd5e1'
                  }
                />
                <Controls showInteractive={false} />
                <FitOnInit />
                <LoopGroups />
              </ReactFlow>
            </ReactFlowProvider>
          </RunViewContext.Provider>
        </div>
        <aside className="run-side" aria-label="Steps">
          {/* The step's title below is an h3: the outline goes h1 (the run), h2 (its steps), h3 (one step). */}
          <h2 className="sr-only">Steps</h2>
          <RunStepsBrowser key={run.id} run={run} titleOf={titleOf} selected={selected} onSelect={setSelected} variant="side" onFrame={onFrame} onReplayed={openRun} />
        </aside>
      </div>
    </div>
  );
}
