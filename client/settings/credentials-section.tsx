import { useEffect, useState } from 'react';
import type { Credential } from '../api/credential-schemas.js';
import { CredentialDialog, type CredentialDialogMode } from '../credentials/credential-dialog.js';
import { useCan } from '../auth/can.js';
import { useApp } from '../store/store-context.js';
import { Dialog } from '../ui/dialog.js';
import { timeAgo } from '../ui/format.js';
import { Icon } from '../ui/icons.js';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.js';
import { OAuthConnectButton, OAuthStatus } from './oauth-status.js';

/** Settings › Credentials: names, types and dates only; values go in and never come back out. */
export function CredentialsSection() {
  const state = useApp((s) => s.credentials);
  const load = useApp((s) => s.loadCredentials);
  const remove = useApp((s) => s.deleteCredential);
  const toast = useApp((s) => s.toast);
  const canEdit = useCan('edit');
  const canDelete = useCan('manage');
  const [editing, setEditing] = useState<CredentialDialogMode | null>(null);
  const [deleting, setDeleting] = useState<Credential | null>(null);
  const now = Date.now();
  useEffect(() => void load(true), [load]);
  const title = (type: string) => state.types.find((t) => t.type === type)?.title ?? type;

  const confirmDelete = async () => {
    const c = deleting;
    setDeleting(null);
    if (!c) return;
    try {
      await remove(c.id);
      toast('success', `Deleted ${c.name}.`);
    } catch (err) {
      toast('error', `Could not delete: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return (
    <section className="card section-card" aria-labelledby="credentials-h">
      <div className="section-head">
        <h2 id="credentials-h">Credentials</h2>
        {canEdit ? (
          <button type="button" className="button button-primary" disabled={state.status !== 'ready'} onClick={() => setEditing({ kind: 'create' })}>
            <Icon name="plus" size={14} />
            New credential
          </button>
        ) : null}
      </div>
      <p className="muted small">Secrets that triggers and steps use: signing secrets, tokens, passwords. They are stored encrypted and never shown again after saving.</p>
      {state.status === 'error' ? <ErrorState message={state.error ?? 'Could not load credentials.'} onRetry={() => void load(true)} /> : null}
      {state.status === 'loading' && state.items.length === 0 ? <LoadingState /> : null}
      {state.status === 'ready' && state.items.length === 0 ? (
        <EmptyState icon="key" title="No credentials">
          Create one, then pick it in a trigger’s authentication or an HTTP step’s signing.
        </EmptyState>
      ) : null}
      {state.items.length > 0 ? (
        <table className="table" aria-label="Credentials">
          <thead>
            <tr>
              <th>Name</th>
              <th>Type</th>
              <th>Updated</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.items.map((c) => (
              <tr key={c.id}>
                <td>
                  <span className="row-title">{c.name}</span>
                  <div className="muted small mono">{c.id}</div>
                </td>
                <td>
                  {title(c.type)}
                  {c.type === 'oauth2' ? <OAuthStatus credential={c} /> : null}
                </td>
                <td className="muted small">{timeAgo(c.updatedAt, now)}</td>
                <td className="actions">
                  {canEdit && c.type === 'oauth2' ? <OAuthConnectButton credential={c} /> : null}
                  {canEdit ? (
                    <button type="button" className="button button-small button-ghost" aria-label={`Change ${c.name}`} onClick={() => setEditing({ kind: 'update', credential: c })}>
                      {c.type === 'webhook-secret' ? 'Update or rotate' : 'Update'}
                    </button>
                  ) : null}
                  {canDelete ? (
                    <button type="button" className="button button-small button-ghost" aria-label={`Delete ${c.name}`} onClick={() => setDeleting(c)}>
                      Delete
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <CredentialDialog
        open={editing !== null}
        mode={editing ?? { kind: 'create' }}
        onClose={() => setEditing(null)}
        onSaved={(c) => {
          toast('success', editing?.kind === 'update' ? `Saved ${c.name}.` : `Created ${c.name}.`);
          setEditing(null);
        }}
      />
      <Dialog
        open={deleting !== null}
        title="Delete credential?"
        onClose={() => setDeleting(null)}
        footer={
          <>
            <button type="button" className="button" onClick={() => setDeleting(null)}>
              Cancel
            </button>
            <button type="button" className="button button-danger" onClick={() => void confirmDelete()}>
              Delete
            </button>
          </>
        }
      >
        <p>
          Triggers and steps that use <strong>{deleting?.name}</strong> stop working: triggers refuse requests until another credential is picked.
        </p>
      </Dialog>
    </section>
  );
}
