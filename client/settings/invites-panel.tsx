import { useState, type FormEvent } from 'react';
import type { Role } from '../api/access.js';
import { useAsync } from '../lib/use-async.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { CopyButton } from '../ui/copy-button.js';
import { Icon } from '../ui/icons.js';

/** Inviting someone: an email and a role make a one-time link the owner copies and passes on. */
export function InvitesPanel({ onChanged }: { onChanged: () => void }) {
  const api = useApi();
  const toast = useApp((s) => s.toast);
  const { state, reload } = useAsync(() => api.access.invites.list().then((r) => r.invites), [api]);
  const [form, setForm] = useState<{ email: string; role: Role; days: number }>({ email: '', role: 'editor', days: 7 });
  const [created, setCreated] = useState<{ email: string; url: string } | null>(null);

  const invite = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const { invite: inv } = await api.access.invites.create({ email: form.email.trim(), role: form.role, expiresInDays: form.days });
      setCreated({ email: inv.email, url: inv.url });
      setForm({ ...form, email: '' });
      reload();
      onChanged();
    } catch (err) {
      toast('error', `Could not invite: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const withdraw = async (id: string) => {
    try {
      await api.access.invites.revoke(id);
      toast('success', 'Invitation withdrawn.');
    } catch (err) {
      toast('error', `Could not withdraw: ${err instanceof Error ? err.message : String(err)}`);
    }
    reload();
  };

  return (
    <div className="invites">
      <h3>Invite someone</h3>
      <form className="key-form" onSubmit={invite} aria-label="Invite someone">
        <input className="input" type="email" required placeholder="name@example.com" aria-label="Email to invite" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        <select className="input" aria-label="Role for the invitation" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
          <option value="viewer">viewer</option>
          <option value="editor">editor</option>
          <option value="owner">owner</option>
        </select>
        <select className="input" aria-label="Invitation expiry" value={form.days} onChange={(e) => setForm({ ...form, days: Number(e.target.value) })}>
          <option value={1}>Link valid 1 day</option>
          <option value={7}>Link valid 7 days</option>
          <option value={30}>Link valid 30 days</option>
        </select>
        <button className="button button-primary" disabled={!form.email.trim()}>
          <Icon name="plus" size={14} />
          Create invitation
        </button>
      </form>
      {created ? (
        <div className="new-key" role="status">
          <strong>Invitation for {created.email}. Copy the link and send it; it works once and is shown only now.</strong>
          <div className="url-row">
            <input className="input mono" readOnly value={created.url} aria-label="Invitation link" onFocus={(e) => e.currentTarget.select()} />
            <CopyButton text={created.url} />
          </div>
        </div>
      ) : null}
      {state.data && state.data.length > 0 ? (
        <table className="table" aria-label="Pending invitations">
          <thead>
            <tr>
              <th>Pending</th>
              <th>Role</th>
              <th>Expires</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((i) => (
              <tr key={i.id}>
                <td>
                  {i.email}
                  <div className="muted small">by {i.invitedBy ?? 'an owner'}</div>
                </td>
                <td>
                  <span className="chip">{i.role}</span>
                </td>
                <td className="muted small">{new Date(i.expiresAt).toLocaleString()}</td>
                <td className="actions">
                  <button type="button" className="button button-small button-ghost" onClick={() => void withdraw(i.id)}>
                    Withdraw
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
