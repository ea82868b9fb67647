import { useEffect } from 'react';
import { getNodeType } from '../../shared/nodes/registry.js';
import { Link } from '../router/link.js';
import { isRunFinished, withRun } from '../store/run-slice.js';
import { useApp, useAppStore } from '../store/store-context.js';
import { shortId, timeAgo } from '../ui/format.js';
import { Icon } from '../ui/icons.js';
import { StatusBadge } from '../ui/status-badge.js';
import { CancelRunButton, WaitingUntil } from '../runs/run-control-bar.js';
import { RunStepsBrowser } from '../runs/run-steps-browser.js';
import { ErrorBox } from '../runs/step-detail.js';
import { useApi } from '../ui/api-context.js';

const POLL_MS = 800;
const LATEST_POLL_MS = 3000;

/** The bottom panel: the latest or test run, painted on the canvas, with each step's data. */
export function RunPanel() {
  const run = useApp((s) => s.editorRun);
  const testRunId = useApp((s) => s.testRunId);
  const open = useApp((s) => s.bottomOpen);
  const setOpen = useApp((s) => s.setBottomOpen);
  const refresh = useApp((s) => s.refreshEditorRun);
  const selectedId = useApp((s) => s.nodes.find((n) => n.selected)?.id);
  const nodes = useApp((s) => s.nodes);
  const select = useApp((s) => s.select);

  // Poll while a run is in progress, so the canvas shows steps as they finish.
  const live = testRunId !== null || (run !== null && !isRunFinished(run.status));
  useEffect(() => {
    if (!live) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      const more = await refresh();
      if (!stop && more) timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [live, refresh, run?.id]);

  // Runs started by real requests appear on the canvas too: look for a newer run now and then.
  const workflowId = useApp((s) => s.workflowId);
  const loadLatest = useApp((s) => s.loadLatestRun);
  useEffect(() => {
    if (!workflowId || testRunId) return;
    const timer = setInterval(() => void loadLatest(), LATEST_POLL_MS);
    return () => clearInterval(timer);
  }, [workflowId, testRunId, loadLatest]);

  const titleOf = (nodeId: string) => {
    const n = nodes.find((x) => x.id === nodeId);
    const label = n && n.type === 'step' ? n.data.label : undefined;
    return label ?? getNodeType(n && n.type === 'step' ? n.data.nodeType : '')?.title ?? nodeId;
  };
  const store = useAppStore();
  const api = useApi();
  // A replay started here, or a cancelled run, is shown at once; polling takes it from there.
  const showRun = async (runId: string) => {
    try {
      const next = await api.runs.get(runId);
      if (store.getState().workflowId === next.workflowId) store.setState(withRun(next));
    } catch {
      // The latest-run poll brings it within seconds.
    }
  };

  return (
    <section className={`run-panel${open ? ' open' : ''}`} aria-label="Run output">
      <div className="run-panel-head">
        <button type="button" className="run-panel-bar" aria-expanded={open} onClick={() => setOpen(!open)}>
          <Icon name="chevron" size={14} className={open ? 'rot-90' : ''} />
          <strong>{testRunId ? 'Test run' : 'Latest run'}</strong>
          {run ? (
            <StatusBadge status={run.status} small />
          ) : testRunId ? (
            <StatusBadge status="queued" small />
          ) : (
            <span className="muted small">No runs yet. Use Test run or send a request to the trigger URL.</span>
          )}
          {run ? (
            <span className="muted small" title={run.id}>
              v{run.version} · {timeAgo(run.createdAt, Date.now())} · <code>{shortId(run.id)}</code>
            </span>
          ) : null}
          {run ? <WaitingUntil status={run.status} wakeAt={run.wakeAt} /> : null}
        </button>
        {run ? <CancelRunButton run={run} small onCancelled={(ended) => store.setState(withRun(ended))} /> : null}
      </div>
      {open && run ? (
        <div className="run-panel-body">
          <RunStepsBrowser
            key={run.id}
            run={run}
            titleOf={titleOf}
            selected={selectedId ?? null}
            onSelect={(id) => select([id])}
            variant="panel"
            onReplayed={(id) => void showRun(id)}
            before={run.error ? <ErrorBox error={run.error} /> : null}
            footer={
              <Link to={`/runs/${encodeURIComponent(run.id)}`} className="small">
                Open in Runs →
              </Link>
            }
          />
        </div>
      ) : null}
    </section>
  );
}
