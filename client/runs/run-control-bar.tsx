import { useEffect, useState } from 'react';
import type { RunDetail } from '../api/types.js';
import { useCan } from '../auth/can.js';
import { Link } from '../router/link.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { Dialog } from '../ui/dialog.js';
import { dateTime } from '../ui/format.js';
import { Icon } from '../ui/icons.js';
import { untilText } from '../editor/schedule-text.js';
import { isCancellable } from './run-frames.js';

/** Re-renders every second, for "in 12 s" texts. */
function useNow(enabled: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [enabled]);
  return now;
}

/** "Waiting until 12 Mar 2025, 09:00:00 (in 3 min)" for a run that waits (a delay, a retry, a sub-workflow). */
export function WaitingUntil({ wakeAt, status }: { wakeAt?: string | null; status: string }) {
  const now = useNow(status === 'waiting' && Boolean(wakeAt));
  if (status !== 'waiting') return null;
  if (!wakeAt) return <span className="waiting-until">Waiting</span>;
  return (
    <span className="waiting-until" title={wakeAt}>
      <Icon name="history" size={13} /> Waiting until {dateTime(wakeAt)} <span className="muted">({untilText(wakeAt, now)})</span>
    </span>
  );
}

/** Cancel for a queued, waiting or running run, after a confirmation; `onCancelled` gets the run as it ended. */
export function CancelRunButton({ run, onCancelled, small }: { run: Pick<RunDetail, 'id' | 'status'>; onCancelled: (run: RunDetail) => void; small?: boolean }) {
  const api = useApi();
  const toast = useApp((s) => s.toast);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const canRun = useCan('edit');
  if (!canRun || !isCancellable(run.status)) return null;
  const cancel = async () => {
    setBusy(true);
    try {
      const ended = await api.runControl.cancel(run.id);
      toast('success', 'Run cancelled.');
      setAsking(false);
      onCancelled(ended);
    } catch (e) {
      toast('error', `Could not cancel: ${e instanceof Error ? e.message : String(e)}`);
      setAsking(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className={`button button-danger-ghost${small ? ' button-small' : ''}`}
        onClick={(e) => {
          e.stopPropagation();
          setAsking(true);
        }}
      >
        <Icon name="x" size={14} />
        Cancel run
      </button>
      <Dialog
        open={asking}
        title="Cancel this run?"
        onClose={() => setAsking(false)}
        footer={
          <>
            <button type="button" className="button" onClick={() => setAsking(false)}>
              Keep it
            </button>
            <button type="button" className="button button-danger" disabled={busy} onClick={() => void cancel()}>
              {busy ? 'Cancelling…' : 'Cancel run'}
            </button>
          </>
        }
      >
        <p className="small">
          The run ends as <strong>cancelled</strong>: a step running now is stopped, a delay stops waiting, and no further step runs. Sub-workflow runs it waits for are cancelled too. It can be
          replayed later.
        </p>
      </Dialog>
    </>
  );
}

/** Where a run came from: the run and step that called it (a sub-workflow), or the run it replays. */
export function RunOrigin({ run }: { run: Pick<RunDetail, 'parentRunId' | 'parentNodeId' | 'replayOf'> }) {
  if (!run.parentRunId && !run.replayOf) return null;
  return (
    <span className="run-origin small">
      {run.parentRunId ? (
        <>
          Called by <Link to={`/runs/${encodeURIComponent(run.parentRunId)}`}>{run.parentRunId.slice(0, 16)}</Link>
          {run.parentNodeId ? (
            <>
              {' '}
              (step <code>{run.parentNodeId}</code>)
            </>
          ) : null}
        </>
      ) : null}
      {run.parentRunId && run.replayOf ? ' · ' : null}
      {run.replayOf ? (
        <>
          Replay of <Link to={`/runs/${encodeURIComponent(run.replayOf)}`}>{run.replayOf.slice(0, 16)}</Link>
        </>
      ) : null}
    </span>
  );
}
