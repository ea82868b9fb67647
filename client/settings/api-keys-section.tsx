import { useState, type FormEvent } from 'react';
import type { AccessKey } from '../api/access.js';
import { useCan } from '../auth/can.js';
import { useAsync } from '../lib/use-async.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { CopyButton } from '../ui/copy-button.js';
import { Dialog } from '../ui/dialog.js';
import { timeAgo } from '../ui/format.js';
import { Icon } from '../ui/icons.js';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.js';

const iso = (ms: number) => new Date(ms).toISOString();
const expiries = [
  { days: 0, label: 'Never expires' },
  { days: 30, label: 'Expires in 30 days' },
  { days: 90, label: 'Expires in 90 days' },
  { days: 365, label: 'Expires in a year' },
];

/** Settings › API keys: my keys (an owner sees everyone's), full or read-only, with an optional expiry. */
export function ApiKeysSection() {
  const api = useApi();
  const toast = useApp((s) => s.toast);
  const isOwner = useCan('manage');
  const { state, reload } = useAsync(() => api.access.keys.list().then((r) => r.apiKeys), [api]);
  const [form, setForm] = useState({ name: '', readOnly: false, days: 0 });
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<AccessKey | null>(null);
  const now = Date.now();

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!form.name.trim()) return;
    try {
      const k = await api.access.keys.create({ name: form.name.trim(), scope: form.readOnly ? 'read' : 'full', ...(form.days ? { expiresInDays: form.days } : {}) });
      setCreated({ name: k.name, key: k.key });
      setForm({ name: '', readOnly: false, days: 0 });
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
      await api.access.keys.revoke(k.id);
      toast('success', `Revoked ${k.name}.`);
    } catch (err) {
      toast('error', `Could not revoke: ${err instanceof Error ? err.message : String(err)}`);
    }
    reload();
  };

  return (
    <section className="card section-card" aria-labelledby="keys-h">
      <h2 id="keys-h">API keys</h2>
      <p className="muted small">
        Scripts call the API with <code>Authorization: Bearer &lt;key&gt;</code>. A key acts with its person’s role; a read-only key only reads. It is shown once, when created.
      </p>
      <form className="key-form" onSubmit={create}>
        <input className="input" placeholder="Key name, e.g. deploy script" aria-label="New key name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} maxLength={100} />
        <select className="input" aria-label="Key expiry" value={form.days} onChange={(e) => setForm({ ...form, days: Number(e.target.value) })}>
          {expiries.map((x) => (
            <option key={x.days} value={x.days}>
              {x.label}
            </option>
          ))}
        </select>
        <label className="check-label">
          <input type="checkbox" checked={form.readOnly} onChange={(e) => setForm({ ...form, readOnly: e.target.checked })} /> Read-only
        </label>
        <button className="button button-primary" disabled={!form.name.trim()}>
          <Icon name="plus" size={14} />
          Create key
        </button>
      </form>
      {created ? (
        <div className="new-key" role="status">
          <strong>New key “{created.name}”. Copy it now: it will not be shown again.</strong>
          <div className="url-row">
            <input className="input mono" readOnly value={created.key} aria-label="New API key" onFocus={(e) => e.currentTarget.select()} />
            <CopyButton text={created.key} />
          </div>
        </div>
      ) : null}
      {state.status === 'error' ? <ErrorState message={state.error} onRetry={reload} /> : null}
      {state.status === 'loading' && !state.data ? <LoadingState /> : null}
      {state.data && state.data.length === 0 ? (
        <EmptyState icon="key" title="No API keys">
          Create one to use the API from scripts.
        </EmptyState>
      ) : null}
      {state.data && state.data.length > 0 ? (
        <table className="table" aria-label="API keys">
          <thead>
            <tr>
              <th>Name</th>
              {isOwner ? <th>Person</th> : null}
              <th>Access</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Expires</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((k) => (
              <tr key={k.id}>
                <td>
                  {k.name}
                  <div className="muted small">
                    <code>{k.prefix ? `${k.prefix}…` : '••••'}</code>
                  </div>
                </td>
                {isOwner ? <td className="small">{k.userName ?? <span className="muted">installation</span>}</td> : null}
                <td>{k.scope === 'read' ? <span className="pill pill-blue">read-only</span> : <span className="pill pill-grey">full</span>}</td>
                <td className="muted small">{timeAgo(iso(k.createdAt), now)}</td>
                <td className="muted small">{k.lastUsedAt ? timeAgo(iso(k.lastUsedAt), now) : 'never'}</td>
                <td className="muted small">{k.expired ? <span className="pill">expired</span> : k.expiresAt ? new Date(k.expiresAt).toLocaleDateString() : 'never'}</td>
                <td className="actions">
                  <button type="button" className="button button-small button-ghost" onClick={() => setRevoking(k)}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Dialog
        open={revoking !== null}
        title="Revoke API key?"
        onClose={() => setRevoking(null)}
        footer={
          <>
            <button type="button" className="button" onClick={() => setRevoking(null)}>
              Cancel
            </button>
            <button type="button" className="button button-danger" onClick={() => void revoke()}>
              Revoke
            </button>
          </>
        }
      >
        <p>
          Scripts using <strong>{revoking?.name}</strong> stop working at once.
        </p>
      </Dialog>
    </section>
  );
}
