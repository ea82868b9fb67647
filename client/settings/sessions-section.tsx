import { useAsync } from '../lib/use-async.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { timeAgo } from '../ui/format.js';
import { ErrorState, LoadingState } from '../ui/states.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A short browser name from a user agent, enough to tell sessions apart. */
function device(ua: string | null): string {
  if (!ua) return 'Unknown client';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Chrome\//.test(ua) ? 'Chrome' : /Firefox\//.test(ua) ? 'Firefox' : /Safari\//.test(ua) ? 'Safari' : (ua.split(/[ /]/)[0] ?? 'Client');
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Linux/.test(ua) ? 'Linux' : '';
  return os ? `${browser} on ${os}` : browser;
}

/** Settings › Sessions: where I am signed in; end one, or all of them. */
export function SessionsSection() {
  const api = useApi();
  const toast = useApp((s) => s.toast);
  const signOut = useApp((s) => s.signOut);
  const { state, reload } = useAsync(() => api.access.sessions.list().then((r) => r.sessions), [api]);
  const now = Date.now();

  const revoke = async (id: string) => {
    try {
      await api.access.sessions.revoke(id);
      toast('success', 'Session signed out.');
    } catch (err) {
      toast('error', `Could not sign it out: ${err instanceof Error ? err.message : String(err)}`);
    }
    reload();
  };
  const everywhere = async () => {
    try {
      const { ended } = await api.access.sessions.signOutEverywhere();
      toast('info', `Signed out of ${ended} session${ended === 1 ? '' : 's'}.`);
      await signOut();
    } catch (err) {
      toast('error', `Could not sign out everywhere: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return (
    <section className="card section-card" aria-labelledby="sessions-h">
      <div className="section-head">
        <h2 id="sessions-h">Sessions</h2>
        <button type="button" className="button" onClick={() => void everywhere()}>
          Sign out everywhere
        </button>
      </div>
      <p className="muted small">Browsers signed in to your account. A session ends after 3 idle days or 14 days at most.</p>
      {state.status === 'error' ? <ErrorState message={state.error} onRetry={reload} /> : null}
      {state.status === 'loading' && !state.data ? <LoadingState /> : null}
      {state.data ? (
        <table className="table" aria-label="Sessions">
          <thead>
            <tr>
              <th>Device</th>
              <th>Address</th>
              <th>Signed in</th>
              <th>Last active</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((s) => (
              <tr key={s.id}>
                <td>
                  {device(s.userAgent)} {s.current ? <span className="pill pill-green">this browser</span> : null}
                </td>
                <td className="muted small mono">{s.ip ?? '—'}</td>
                <td className="muted small">{timeAgo(iso(s.createdAt), now)}</td>
                <td className="muted small">{timeAgo(iso(s.lastSeenAt), now)}</td>
                <td className="actions">
                  {s.current ? null : (
                    <button type="button" className="button button-small button-ghost" onClick={() => void revoke(s.id)}>
                      Sign out
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
