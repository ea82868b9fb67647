import { useState, type FormEvent } from 'react';
import { useAsync } from '../lib/use-async.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { CopyButton } from '../ui/copy-button.js';
import { Dialog } from '../ui/dialog.js';
import { timeAgo } from '../ui/format.js';
import { Icon } from '../ui/icons.js';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.js';
import type { ApiKey } from '../api/types.js';
import { CredentialsSection } from './credentials-section.js';

/** Settings: the signed-in account, API keys for scripts and the CLI, and credentials. */
export function SettingsPage() {
  const api = useApi();
  const toast = useApp((s) => s.toast);
  const user = useApp((s) => s.session.user);
  const { state, reload } = useAsync(() => api.apiKeys.list().then((r) => r.apiKeys), [api]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const now = Date.now();

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    try {
      const k = await api.apiKeys.create(name.trim());
      setCreated({ name: k.name, key: k.key });
      setName('');
      reload();
    } catch (err) {
      toast('error', `Could not create the key: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const revoke = async () => {
    const k = revoking;
    setRevoking(null);
    if (!k) return;
    try {
      await api.apiKeys.remove(k.id);
      toast('success', `Revoked ${k.name}.`);
    } catch (err) {
      toast('error', `Could not revoke: ${err instanceof Error ? err.message : String(err)}`);
    }
    reload();
  };

  return (
    <div className="page-inner narrow">
      <header className="page-header"><div><h1>Settings</h1><p className="muted">Your account, access for scripts, and credentials.</p></div></header>
      <section className="card section-card" aria-labelledby="account-h">
        <h2 id="account-h">Account</h2>
        <dl className="facts"><dt>Name</dt><dd>{user?.name}</dd><dt>Email</dt><dd>{user?.email}</dd><dt>Role</dt><dd>{user?.role}</dd></dl>
      </section>
      <section className="card section-card" aria-labelledby="keys-h">
        <h2 id="keys-h">API keys</h2>
        <p className="muted small">Scripts and the CLI call the API with <code>Authorization: Bearer &lt;key&gt;</code>. A key is shown once, when it is created.</p>
        <form className="inline-form" onSubmit={create}>
          <input className="input" placeholder="Key name, e.g. deploy script" aria-label="New key name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
          <button className="button button-primary" disabled={!name.trim()}><Icon name="plus" size={14} />Create key</button>
        </form>
        {created ? (
          <div className="new-key" role="status">
            <strong>New key “{created.name}”. Copy it now: it will not be shown again.</strong>
            <div className="url-row"><input className="input mono" readOnly value={created.key} aria-label="New API key" onFocus={(e) => e.currentTarget.select()} /><CopyButton text={created.key} /></div>
          </div>
        ) : null}
        {state.status === 'error' ? <ErrorState message={state.error} onRetry={reload} /> : null}
        {state.status === 'loading' && !state.data ? <LoadingState /> : null}
        {state.data && state.data.length === 0 ? <EmptyState icon="key" title="No API keys">Create one to use the API from scripts.</EmptyState> : null}
        {state.data && state.data.length > 0 ? (
          <table className="table">
            <thead><tr><th>Name</th><th>Key</th><th>Created</th><th>Last used</th><th><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {state.data.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td><code>{k.prefix ? `${k.prefix}…` : '••••'}</code></td>
                  <td className="muted small">{timeAgo(k.createdAt, now)}</td>
                  <td className="muted small">{k.lastUsedAt ? timeAgo(k.lastUsedAt, now) : 'never'}</td>
                  <td className="actions"><button type="button" className="button button-small button-ghost" onClick={() => setRevoking(k)}>Revoke</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <CredentialsSection />
      <Dialog open={revoking !== null} title="Revoke API key?" onClose={() => setRevoking(null)}
        footer={<><button type="button" className="button" onClick={() => setRevoking(null)}>Cancel</button><button type="button" className="button button-danger" onClick={() => void revoke()}>Revoke</button></>}>
        <p>Scripts using <strong>{revoking?.name}</strong> stop working at once.</p>
      </Dialog>
    </div>
  );
}
