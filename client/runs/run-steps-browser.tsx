import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { RunDetail, Step } from '../api/types.js';
import { useCan } from '../auth/can.js';
import { useAsync } from '../lib/use-async.js';
import { isRunFinished, stepsByNode } from '../store/run-slice.js';
import { useApi } from '../ui/api-context.js';
import { duration } from '../ui/format.js';
import { Icon } from '../ui/icons.js';
import { ErrorState, LoadingState } from '../ui/states.js';
import { StatusBadge } from '../ui/status-badge.js';
import { LoopPanel } from './loop-panel.js';
import { ReplayDialog } from './replay-dialog.js';
import { frameCrumbs } from './run-frames.js';
import { StepDetail } from './step-detail.js';

const POLL_MS = 1000;

/** The item's own result record goes after the steps that produced it. */
const resultLast = (steps: readonly Step[], loopId: string | undefined): Step[] => (loopId ? [...steps.filter((s) => s.nodeId !== loopId), ...steps.filter((s) => s.nodeId === loopId)] : [...steps]);

/** The path from the top level to the open loop item; each crumb goes back to that level. */
function FramePath({ frame, titleOf, onOpen }: { frame: string; titleOf: (nodeId: string) => string; onOpen: (frame: string, selectLoop?: string) => void }) {
  const crumbs = frameCrumbs(frame);
  if (!crumbs.length) return null;
  return (
    <nav className="frame-path" aria-label="Loop item path">
      <button type="button" className="crumb" onClick={() => onOpen('', crumbs[0]?.loopId)}>
        Run
      </button>
      {crumbs.map((c, i) => (
        <span key={c.frame} className="crumb-part">
          <Icon name="chevron" size={12} aria-hidden="true" />
          {i === crumbs.length - 1 ? (
            <span className="crumb current" aria-current="location">
              {titleOf(c.loopId)} · item {c.index + 1}
            </span>
          ) : (
            <button type="button" className="crumb" onClick={() => onOpen(c.frame, crumbs[i + 1]?.loopId)}>
              {titleOf(c.loopId)} · item {c.index + 1}
            </button>
          )}
        </span>
      ))}
    </nav>
  );
}

/** "Replay from here" on a step of a finished run, with the choice of version. */
function ReplayFromHere({ run, step, title, onReplayed }: { run: RunDetail; step: Step; title: string; onReplayed: (runId: string) => void }) {
  const [open, setOpen] = useState(false);
  const canReplay = useCan('edit');
  if (!canReplay) return null;
  return (
    <>
      <button type="button" className="button button-small" onClick={() => setOpen(true)} title="Run again from this step, reusing the results before it">
        <Icon name="replay" size={13} />
        Replay from here
      </button>
      <ReplayDialog open={open} onClose={() => setOpen(false)} runId={run.id} runVersion={run.version} fromNodeId={step.nodeId} stepTitle={title} onReplayed={onReplayed} />
    </>
  );
}

/**
 * A run's steps and the selected step's data, at the top level or inside one loop item (a
 * "frame"): a loop step lists its items, an item opens its own steps, nested loops go deeper and
 * the path leads back. `side` is the run page's column; `panel` the editor's bottom panel.
 */
export function RunStepsBrowser({
  run,
  titleOf,
  selected,
  onSelect,
  variant,
  onFrame,
  onReplayed,
  footer,
  before,
}: {
  run: RunDetail;
  titleOf: (nodeId: string) => string;
  selected: string | null;
  onSelect: (nodeId: string) => void;
  variant: 'side' | 'panel';
  /** The open frame and its steps (null at the top level), for the canvas to paint. */
  onFrame?: (frame: string, steps: Record<string, Step> | null) => void;
  onReplayed: (runId: string) => void;
  footer?: ReactNode;
  /** Shown above the step's data (the run's error). */
  before?: ReactNode;
}) {
  const api = useApi();
  const [frame, setFrame] = useState('');
  const finished = isRunFinished(run.status);
  // The open item and the items around it (a nested loop's outer item), so the canvas can paint every level.
  const framed = useAsync(
    async () => (frame ? Promise.all(frameCrumbs(frame).map((c) => api.runControl.get(run.id, c.frame))) : null),
    [api, run.id, frame],
    () => (frame && !finished ? POLL_MS : undefined),
  );
  const levels = frame ? framed.state.data : null;
  const frameRun = levels?.[levels.length - 1] ?? null;
  // Inside an item, the loop's own record is how that item ended: listed last, as its result.
  const itemOf = frameCrumbs(frame).at(-1);
  const steps = frame ? resultLast(frameRun?.steps ?? [], itemOf?.loopId) : run.steps;
  const nameOf = (nodeId: string) => (itemOf && nodeId === itemOf.loopId ? `Result of item ${itemOf.index + 1}` : titleOf(nodeId));
  // Each level's own loop record is how that item ended; the loop node keeps its overall status.
  const frameSteps = useMemo(() => {
    if (!levels) return null;
    const crumbs = frameCrumbs(frame);
    const merged: Record<string, Step> = {};
    levels.forEach((l, k) => {
      for (const [id, st] of Object.entries(stepsByNode(l))) if (id !== crumbs[k]?.loopId) merged[id] = st;
    });
    return merged;
  }, [levels, frame]);
  useEffect(() => onFrame?.(frame, frameSteps), [frame, frameSteps, onFrame]);

  const open = (next: string, selectLoop?: string) => {
    setFrame(next);
    if (selectLoop) onSelect(selectLoop);
  };
  const step = steps.find((s) => s.nodeId === selected) ?? steps.find((s) => s.status === 'failed') ?? steps[steps.length - 1];

  const list = steps.map((s) => (
    <button key={s.nodeId} type="button" className={`run-step${step?.nodeId === s.nodeId ? ' active' : ''}`} onClick={() => onSelect(s.nodeId)}>
      <StatusBadge status={s.status} small />
      <span className="run-step-name">{nameOf(s.nodeId)}</span>
      {variant === 'side' ? <span className="muted small">{duration(s.startedAt, s.finishedAt)}</span> : null}
    </button>
  ));
  const empty = frame ? (
    framed.state.status === 'error' ? (
      <ErrorState message={framed.state.error} onRetry={framed.reload} />
    ) : !frameRun ? (
      <LoadingState label="Loading the item…" />
    ) : (
      <p className="muted small">No steps ran for this item.</p>
    )
  ) : (
    <p className="muted small">{finished ? 'No steps ran.' : 'Waiting for the first step…'}</p>
  );
  const detail = step ? (
    <StepDetail
      key={`${run.id}:${frame}:${step.nodeId}`}
      step={step}
      title={nameOf(step.nodeId)}
      actions={frame === '' && finished ? <ReplayFromHere run={run} step={step} title={titleOf(step.nodeId)} onReplayed={onReplayed} /> : null}
    >
      {step.type === 'loop' && step.nodeId !== itemOf?.loopId ? <LoopPanel runId={run.id} step={step} frame={frame} onOpenItem={(f) => open(f)} /> : null}
    </StepDetail>
  ) : null;
  const path = <FramePath frame={frame} titleOf={titleOf} onOpen={open} />;

  if (variant === 'panel') {
    return (
      <>
        <nav className="run-steps" aria-label="Steps of the run">
          {path}
          {list}
          {steps.length === 0 ? empty : null}
          {footer}
        </nav>
        <div className="run-step-detail">
          {before}
          {detail ?? (steps.length ? null : <p className="muted small">No steps have run yet.</p>)}
        </div>
      </>
    );
  }
  return (
    <>
      {path}
      <ol className="run-step-list" aria-label="Steps of the run">
        {list.map((b, i) => (
          <li key={steps[i]?.nodeId ?? i}>{b}</li>
        ))}
        {steps.length === 0 ? <li>{empty}</li> : null}
      </ol>
      {before}
      {detail}
    </>
  );
}
