import { useState } from 'react';
import type { Member, Role } from '../api/access.js';
import { useAsync } from '../lib/use-async.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { CopyButton } from '../ui/copy-button.js';
import { Dialog } from '../ui/dialog.js';
import { timeAgo } from '../ui/format.js';
import { ErrorState, LoadingState } from '../ui/states.js';
import { InvitesPanel } from './invites-panel.js';

const roles: Role[] = ['owner', 'editor', 'viewer'];
const iso = (ms: number) => new Date(ms).toISOString();

/** Settings › People (owners only): everyone's role, password reset links, removal, and invitations. */
export function PeopleSection() {
  const api = useApi();
  const toast = useApp((s) => s.toast);
  const me = useApp((s) => s.session.user);
  const loadSession = useApp((s) => s.loadSession);
  const { state, reload } = useAsync(() => api.access.users.list().then((r) => r.users), [api]);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [link, setLink] = useState<{ name: string; url: string } | null>(null);
  const now = Date.now();
  const fail = (what: string) => (err: unknown) => toast('error', `Could not ${what}: ${err instanceof Error ? err.message : String(err)}`);

  const setRole = async (m: Member, role: Role) => {
    await api.access.users.setRole(m.id, role).then(() => toast('success', `${m.name} is now ${role === 'owner' ? 'an' : 'a'} ${role}.`), fail('change the role'));
    // Demoting myself changes what this page may show.
    if (m.id === me?.id) await loadSession();
    reload();
  };
  const reset = async (m: Member) => {
    await api.access.users.resetLink(m.id).then((r) => setLink({ name: m.name, url: r.url }), fail('make a reset link'));
  };
  const remove = async () => {
    const m = removing;
    setRemoving(null);
    if (!m) return;
    await api.access.users.remove(m.id).then(() => toast('success', `Removed ${m.name}. Their sessions and keys stopped working.`), fail('remove'));
    reload();
  };

  return (
    <section className="card section-card" aria-labelledby="people-h">
      <h2 id="people-h">People</h2>
      <p className="muted small">Owners manage people and see the audit log. Editors build and run workflows and use credentials without seeing them. Viewers look at workflows and runs.</p>
      {state.status === 'error' ? <ErrorState message={state.error} onRetry={reload} /> : null}
      {state.status === 'loading' && !state.data ? <LoadingState /> : null}
      {state.data ? (
        <table className="table" aria-label="People">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Joined</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((m) => (
              <tr key={m.id}>
                <td>
                  <span className="row-title">{m.name}</span>
                  {m.id === me?.id ? <span className="pill pill-green">you</span> : null}
                  <div className="muted small">{m.email}</div>
                </td>
                <td>
                  <select className="input input-inline" aria-label={`Role of ${m.name}`} value={m.role} onChange={(e) => void setRole(m, e.target.value as Role)}>
                    {roles.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="muted small">{timeAgo(iso(m.createdAt), now)}</td>
                <td className="actions">
                  <button type="button" className="button button-small button-ghost" onClick={() => void reset(m)}>
                    Reset password
                  </button>
                  {m.id === me?.id ? null : (
                    <button type="button" className="button button-small button-ghost" aria-label={`Remove ${m.name}`} onClick={() => setRemoving(m)}>
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <InvitesPanel onChanged={reload} />
      <Dialog
        open={removing !== null}
        title="Remove this person?"
        onClose={() => setRemoving(null)}
        footer={
          <>
            <button type="button" className="button" onClick={() => setRemoving(null)}>
              Cancel
            </button>
            <button type="button" className="button button-danger" onClick={() => void remove()}>
              Remove
            </button>
          </>
        }
      >
        <p>
          <strong>{removing?.name}</strong> is signed out everywhere and their API keys stop working at once. Their workflows and runs stay.
        </p>
      </Dialog>
      <Dialog
        open={link !== null}
        title="Password reset link"
        onClose={() => setLink(null)}
        footer={
          <button type="button" className="button" onClick={() => setLink(null)}>
            Done
          </button>
        }
      >
        <p>
          Send this link to <strong>{link?.name}</strong>. It works once, for 24 hours, and signs them out everywhere else.
        </p>
        <div className="url-row">
          <input className="input mono" readOnly value={link?.url ?? ''} aria-label="Reset link" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton text={link?.url ?? ''} />
        </div>
      </Dialog>
    </section>
  );
}
