import { useState, type FormEvent } from 'react';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';

/** Settings › Account: who I am, and changing my password (my other sessions end). */
export function AccountSection() {
  const api = useApi();
  const toast = useApp((s) => s.toast);
  const user = useApp((s) => s.session.user);
  const [form, setForm] = useState({ currentPassword: '', newPassword: '' });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (form.newPassword.length < 8) return setError('Use at least 8 characters for the new password.');
    setBusy(true);
    setError(undefined);
    try {
      await api.access.changePassword(form);
      setForm({ currentPassword: '', newPassword: '' });
      toast('success', 'Password changed. Your other sessions were signed out.');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card section-card" aria-labelledby="account-h">
      <h2 id="account-h">Account</h2>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{user?.name}</dd>
        <dt>Email</dt>
        <dd>{user?.email}</dd>
        <dt>Role</dt>
        <dd>
          <span className="chip">{user?.role}</span>
        </dd>
      </dl>
      <form className="password-form" onSubmit={submit} aria-label="Change password">
        <input type="email" value={user?.email ?? ''} readOnly hidden autoComplete="username" />
        <label className="field">
          <span>Current password</span>
          <input type="password" required autoComplete="current-password" value={form.currentPassword} onChange={(e) => setForm({ ...form, currentPassword: e.target.value })} />
        </label>
        <label className="field">
          <span>New password</span>
          <input type="password" required minLength={8} autoComplete="new-password" value={form.newPassword} onChange={(e) => setForm({ ...form, newPassword: e.target.value })} />
        </label>
        <button className="button" disabled={busy || !form.currentPassword || !form.newPassword}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </form>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
