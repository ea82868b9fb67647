import { useState } from 'react';
import type { TriggerView } from '../api/triggers.js';
import { useApi } from '../ui/api-context.js';
import { useApp, useAppStore } from '../store/store-context.js';

/** How long the old URL may keep working after a rotation. */
const graces = [
  { seconds: 0, label: 'Stop the old URL at once' },
  { seconds: 3600, label: 'Keep the old URL for 1 hour' },
  { seconds: 86_400, label: 'Keep the old URL for 24 hours' },
  { seconds: 7 * 86_400, label: 'Keep the old URL for 7 days' },
];

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Rotating the trigger's token: a new URL at once, the old one stopped now or after a grace period. */
export function TriggerRotate({ workflowId, nodeId, view, onChange }: { workflowId: string; nodeId: string; view: TriggerView | undefined; onChange: (v: TriggerView) => void }) {
  const api = useApi();
  const store = useAppStore();
  const toast = useApp((s) => s.toast);
  const [grace, setGrace] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const rotate = async () => {
    setBusy(true);
    try {
      const { trigger } = await api.triggers.rotate(workflowId, nodeId, grace);
      // The URL shown everywhere comes from the store's hooks: put the new one there.
      store.setState((s) => ({ hooks: s.hooks.map((h) => (h.nodeId === nodeId ? { nodeId, url: trigger.url } : h)) }));
      onChange(trigger);
      toast('success', grace === 0 ? 'New URL issued; the old one no longer works.' : `New URL issued; the old one works until ${when(Date.now() + grace * 1000)}.`);
    } catch (e) {
      toast('error', `Could not rotate the URL: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <section className="panel-section trigger-rotate" aria-label="Rotate trigger URL">
      <h3>Rotate URL</h3>
      <p className="muted small">Issue a new secret URL, e.g. after it leaked.{view?.rotatedAt ? ` Last rotated ${when(view.rotatedAt)}.` : ''}</p>
      <div className="url-row">
        <select className="input" aria-label="Grace period" value={grace} onChange={(e) => setGrace(Number(e.currentTarget.value))} disabled={busy}>
          {graces.map((g) => (
            <option key={g.seconds} value={g.seconds}>
              {g.label}
            </option>
          ))}
        </select>
        {confirming ? (
          <>
            <button type="button" className="button button-small button-danger" onClick={() => void rotate()} disabled={busy}>
              Confirm
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
            Rotate URL
          </button>
        )}
      </div>
      {confirming ? (
        <p className="small" role="alert">
          Senders must switch to the new URL; {grace === 0 ? 'the old one answers 404 from now on.' : 'the old one answers 404 once the grace period ends.'}
        </p>
      ) : null}
      {view?.previous.length ? (
        <ul className="small previous-urls" aria-label="Old URLs still working">
          {view.previous.map((p) => (
            <li key={p.url}>
              <span className="mono">…{p.url.slice(-10)}</span> works until {when(p.expiresAt)}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
