import { useCallback, useEffect, useState } from 'react';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { Icon } from '../ui/icons.js';

/** How often the held count refreshes while paused (events keep arriving). */
const REFRESH_MS = 5_000;

/**
 * Pause and hold, beside the Active switch (and distinct from it): a paused workflow's trigger
 * URLs keep answering 202 and store their events, shown here as the held count; Resume runs
 * them in the order they arrived.
 */
export function PauseControl() {
  const api = useApi();
  const workflowId = useApp((s) => s.workflowId);
  const [state, setState] = useState<{ paused: boolean; heldCount: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    if (!workflowId) return;
    const wf = await api.workflows.get(workflowId).catch(() => undefined);
    if (wf) setState({ paused: wf.paused, heldCount: wf.heldCount });
  }, [api, workflowId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    if (!state?.paused) return;
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [state?.paused, refresh]);

  if (!workflowId || !state) return null;
  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      const wf = state.paused ? await api.workflows.resume(workflowId) : await api.workflows.pause(workflowId);
      setState({ paused: wf.paused, heldCount: wf.heldCount });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const held = `${state.heldCount} held event${state.heldCount === 1 ? '' : 's'}`;
  return (
    <div className="pause-control">
      {state.paused ? (
        <span className="pill pill-amber" role="status" title="Trigger URLs answer 202 and store events; nothing runs until you resume">
          Paused · {state.heldCount} held
        </span>
      ) : null}
      {state.paused ? (
        <button type="button" className="button" onClick={() => void toggle()} disabled={busy} title={`Resume: run the ${held} in the order they arrived`}>
          Resume
        </button>
      ) : (
        // An icon while nothing is held: the toolbar has to fit at 1280 px beside Publish and Save.
        <button
          type="button"
          className="icon-button tool"
          onClick={() => void toggle()}
          disabled={busy}
          aria-label="Pause"
          title="Pause: keep accepting events but hold them, without running, until resumed"
        >
          <Icon name="pause" size={18} />
        </button>
      )}
      {error ? (
        <span className="pause-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
