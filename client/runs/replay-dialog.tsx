import { useState } from 'react';
import type { ReplayVersion } from '../api/run-control.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { Dialog } from '../ui/dialog.js';
import { Icon } from '../ui/icons.js';

/**
 * Replays one run, from its start or from one step (earlier steps' results are reused), on the
 * version it ran with or on the workflow's current version.
 */
export function ReplayDialog({
  open,
  onClose,
  runId,
  runVersion,
  fromNodeId,
  stepTitle,
  onReplayed,
}: {
  open: boolean;
  onClose: () => void;
  runId: string;
  runVersion: number;
  /** Absent: replay the whole run from its trigger. */
  fromNodeId?: string;
  stepTitle?: string;
  onReplayed: (runId: string) => void;
}) {
  const api = useApi();
  const toast = useApp((s) => s.toast);
  // The current version is the API's default: a replay usually follows a fix.
  const [version, setVersion] = useState<ReplayVersion>('current');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const { runId: next } = await api.runControl.replay(runId, { version, ...(fromNodeId ? { fromNodeId } : {}) });
      toast('success', fromNodeId ? `Replay from “${stepTitle ?? fromNodeId}” started.` : 'Replay started.');
      onClose();
      onReplayed(next);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const title = fromNodeId ? `Replay from “${stepTitle ?? fromNodeId}”` : 'Replay this run';
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void start()}>
            <Icon name="replay" size={14} />
            {busy ? 'Starting…' : 'Start replay'}
          </button>
        </>
      }
    >
      <p className="small">
        {fromNodeId
          ? 'A new run starts at this step with the same trigger event. The steps before it are not run again: their results from this run are reused.'
          : 'A new run starts from the trigger with the same event.'}
      </p>
      <fieldset className="choice-list">
        <legend className="field-label">Which version of the workflow</legend>
        <label className="choice">
          <input type="radio" name="replay-version" checked={version === 'original'} onChange={() => setVersion('original')} />
          <span>
            <strong>Original (v{runVersion})</strong>
            <span className="muted small">The version this run used, so the steps behave as they did.</span>
          </span>
        </label>
        <label className="choice">
          <input type="radio" name="replay-version" checked={version === 'current'} onChange={() => setVersion('current')} />
          <span>
            <strong>Current</strong>
            <span className="muted small">The workflow as it is saved now, with any fixes made since.</span>
          </span>
        </label>
      </fieldset>
      {error ? (
        <p className="issue-line issue-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
