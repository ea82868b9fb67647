import { useEffect } from 'react';
import { getNodeType } from '../../shared/nodes/registry.js';
import { Link } from '../router/link.js';
import { isRunFinished } from '../store/run-slice.js';
import { useApp } from '../store/store-context.js';
import { timeAgo } from '../ui/format.js';
import { Icon } from '../ui/icons.js';
import { StatusBadge } from '../ui/status-badge.js';
import { ErrorBox, StepDetail } from '../runs/step-detail.js';

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
  const step = run?.steps.find((s) => s.nodeId === selectedId) ?? run?.steps[run.steps.length - 1];

  return (
    <section className={`run-panel${open ? ' open' : ''}`} aria-label="Run output">
      <button type="button" className="run-panel-bar" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Icon name="chevron" size={14} className={open ? 'rot-90' : ''} />
        <strong>{testRunId ? 'Test run' : 'Latest run'}</strong>
        {run ? <StatusBadge status={run.status} small /> : testRunId ? <StatusBadge status="queued" small /> : <span className="muted small">No runs yet. Use Test run or send a request to the trigger URL.</span>}
        {run ? <span className="muted small">v{run.version} · {timeAgo(run.createdAt, Date.now())}</span> : null}
      </button>
      {open && run ? (
        <div className="run-panel-body">
          <nav className="run-steps" aria-label="Steps of the run">
            {run.steps.map((s) => (
              <button key={s.nodeId} type="button" className={`run-step${step?.nodeId === s.nodeId ? ' active' : ''}`} onClick={() => select([s.nodeId])}>
                <StatusBadge status={s.status} small /> <span>{titleOf(s.nodeId)}</span>
              </button>
            ))}
            <Link to={`/runs/${encodeURIComponent(run.id)}`} className="small">Open in Runs →</Link>
          </nav>
          <div className="run-step-detail">
            {run.error ? <ErrorBox error={run.error} /> : null}
            {step ? <StepDetail key={`${run.id}:${step.nodeId}`} step={step} title={titleOf(step.nodeId)} /> : <p className="muted small">No steps have run yet.</p>}
          </div>
        </div>
      ) : null}
    </section>
  );
}
