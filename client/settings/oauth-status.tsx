import { useState } from 'react';
import type { Credential } from '../api/credential-schemas.js';
import { connectInPopup } from '../credentials/oauth-connect.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';

/** An OAuth2 credential's state in words: connected (as whom), not connected, or reconnect needed (and why). */
export function OAuthStatus({ credential }: { credential: Credential }) {
  if (credential.status === 'connected') {
    return (
      <div>
        <span className="pill pill-green oauth-status">{credential.account ? `Connected as ${credential.account}` : 'Connected'}</span>
      </div>
    );
  }
  if (credential.status === 'reconnect_needed') {
    return (
      <div>
        <span className="pill pill-red oauth-status">Reconnect needed</span>
        {credential.problem ? <div className="muted small">{credential.problem}</div> : null}
      </div>
    );
  }
  return (
    <div>
      <span className="pill pill-grey oauth-status">Not connected</span>
    </div>
  );
}

/** Connect (or Reconnect) in a popup; the list reloads with whatever came of it, and a toast says so in words. */
export function OAuthConnectButton({ credential }: { credential: Credential }) {
  const api = useApi();
  const reload = useApp((s) => s.loadCredentials);
  const toast = useApp((s) => s.toast);
  const [busy, setBusy] = useState(false);
  const label = credential.status === 'not_connected' || credential.status === undefined ? 'Connect' : 'Reconnect';
  const run = async () => {
    setBusy(true);
    try {
      const outcome = await connectInPopup(() => api.credentials.connect(credential.id));
      if (outcome.ok) toast('success', `${credential.name} is connected${outcome.account ? ` as ${outcome.account}` : ''}.`);
      else toast('error', outcome.message ?? 'Nothing was connected.');
    } catch (e) {
      toast('error', `Could not connect: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
      await reload(true);
    }
  };
  return (
    <button type="button" className="button button-small" disabled={busy} aria-label={`${label} ${credential.name}`} onClick={() => void run()}>
      {busy ? 'Connecting…' : label}
    </button>
  );
}
